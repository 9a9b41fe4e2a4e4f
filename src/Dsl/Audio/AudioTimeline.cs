using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Time;
using ScriptComposer.Dsl.Transforms;

namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// Flattens the sound of a clip graph into <see cref="AudioSegment"/>s on the clip's own timeline: every cut, delay,
/// speed change, loop, volume and fade is resolved here, in plain arithmetic; <see cref="AudioMixer"/> then plays them
/// sample by sample.
/// </summary>
public static class AudioTimeline
{
    /// <summary>The sound of <paramref name="clip"/> on its own timeline [0, duration), silent sources left out.</summary>
    public static IReadOnlyList<AudioSegment> Segments(Clip clip) =>
        Local(clip, clip.Duration ?? double.PositiveInfinity).Where(s => s.Source is not SilenceAudio && s.Volume > 0).ToList();

    /// <summary>
    /// The clip's sound on its own timeline, up to <paramref name="horizon"/> seconds of it at most: how long whatever holds the
    /// clip can show it, which is what an endless loop repeats for.
    /// </summary>
    private static List<AudioSegment> Local(Clip clip, double horizon)
    {
        if (clip.AudioMuted)
            return [];
        var duration = clip.Duration ?? double.PositiveInfinity;
        var shown = Math.Min(duration, horizon);
        // A replacement sound runs on the clip's own timeline; the clip's own sound on its content timeline.
        var local = clip.AudioReplacement is { } replacement
            ? Local(replacement, shown - replacement.Start).Select(s => s.Shift(replacement.Start))
            : Content(clip, shown + clip.SourceOffset).Select(s => s.Shift(-clip.SourceOffset));
        var envelope = Envelope(clip, duration);
        var segments = local
            .Select(s => s.Window(0, duration))
            .OfType<AudioSegment>()
            .Select(s => s.WithGain(clip.AudioNormalized ? 1 : clip.AudioVolume, envelope))
            .ToList();
        // A normalized clip's volume is what was set after AudioNormalize(): it scales the normalized sound.
        if (clip.AudioNormalized)
            segments = AudioPeak.Normalized(clip, segments).Select(s => s.WithGain(clip.AudioVolume, null)).ToList();
        if (clip.StereoGains is { } stereo)
            segments = segments.Select(s => s.WithStereo(stereo.Left, stereo.Right)).ToList();
        return segments;
    }

    /// <summary>The clip's sound on its content timeline (before its own subclip and duration apply).</summary>
    private static List<AudioSegment> Content(Clip clip, double horizon) => clip switch
    {
        VideoClip { Media.HasAudio: true } video => OwnSound(video),
        AudioClip audio => [Whole(audio.Source)],
        CompositeClip composite => composite.Layers.SelectMany(l => Local(l, horizon - l.Start).Select(s => s.Shift(l.Start))).ToList(),
        TimeMappedClip mapped => Remap(mapped, horizon),
        CropClip crop => Local(crop.Inner, horizon),
        MarginClip margin => Local(margin.Inner, horizon),
        ResizeClip resize => Local(resize.Inner, horizon),
        EffectClip effect => Local(effect.Inner, horizon),
        MinMaxClip minMax => Local(minMax.Inner, horizon),
        ScrollClip scroll => Local(scroll.Inner, horizon),
        SupersampleClip supersample => Local(supersample.Inner, horizon),
        MixClip mix => mix.Layers.SelectMany(l => Local(l, horizon - l.Start).Select(s => s.Shift(l.Start))).ToList(),
        MapClip map => Local(map.Inner, horizon),
        _ => [],
    };

    /// <summary>
    /// A video's own sound, as far from its first picture as the file puts it: sound that starts after the picture is silence
    /// until then; sound from before the first picture (an AAC encoder's priming, or a recording that began early) is not heard.
    /// </summary>
    private static List<AudioSegment> OwnSound(VideoClip video)
    {
        var sound = MediaProbe.ProbeAudio(video.Media.Path);
        var placed = Whole(FileAudio.Of(sound)).Shift(sound.Start - video.Media.VideoStart).Window(0, double.PositiveInfinity);
        return placed is null ? [] : [placed];
    }

    private static AudioSegment Whole(AudioSource source) =>
        new(source, 0, source.Length ?? 1e7, 0, 1, false, 1, []);

    /// <summary>The inner clip's sound through the time map, for <paramref name="horizon"/> seconds of the mapped clip.</summary>
    private static List<AudioSegment> Remap(TimeMappedClip mapped, double horizon)
    {
        var map = mapped.Map;
        List<AudioSegment> Inner(double innerHorizon) => Local(mapped.Inner, innerHorizon);
        return map switch
        {
            SpeedMap speed => Inner(horizon * speed.Factor).Select(s => s.Speed(speed.Factor)).ToList(),
            ReverseMap reverse => Inner(reverse.InnerDuration).Select(s => s.Window(0, reverse.InnerDuration)).OfType<AudioSegment>().Select(s => s.Mirror(reverse.InnerDuration)).ToList(),
            LoopMap loop => Looped(Inner(loop.Period), loop, Math.Min(loop.TotalDuration ?? double.PositiveInfinity, horizon), mapped),
            FreezeMap freeze => Inner(horizon) is var frozen
                ? frozen.Select(s => s.Window(0, freeze.At))
                    .Concat(frozen.Select(s => s.Window(freeze.At, double.PositiveInfinity)?.Shift(freeze.Hold)))
                    .OfType<AudioSegment>().ToList()
                : [],
            // The sound plays to the clip's end and is silent while its last frame is held, as a freeze is.
            FreezeEndMap freezeEnd => Inner(Math.Min(horizon, freezeEnd.InnerDuration)).Select(s => s.Window(0, freezeEnd.InnerDuration)).OfType<AudioSegment>().ToList(),
            CutOutMap cut => Inner(horizon + (cut.To - cut.From)) is var whole
                ? whole.Select(s => s.Window(0, cut.From))
                    .Concat(whole.Select(s => s.Window(cut.To, double.PositiveInfinity)?.Shift(cut.From - cut.To)))
                    .OfType<AudioSegment>().ToList()
                : [],
            // moviepy's accel_decel remaps the picture only: the sound plays as it is, cut to the new duration.
            AccelDecelMap accel => Inner(Math.Min(horizon, accel.NewDuration)),
            SymmetrizeMap symmetric => Inner(symmetric.InnerDuration) is var once
                ? once.Select(s => s.Window(0, symmetric.InnerDuration))
                    .Concat(once.Select(s => s.Window(0, symmetric.InnerDuration)?.Mirror(symmetric.InnerDuration).Shift(symmetric.InnerDuration)))
                    .OfType<AudioSegment>().ToList()
                : [],
            HoldMap => [],
            TimeFunctionMap => [],
            _ => throw new NotSupportedException($"No audio mapping for {map.GetType().Name}."),
        };
    }

    /// <summary>Repeats one period of sound for <paramref name="length"/> seconds (a loop without a count: as long as its parent shows it).</summary>
    private static List<AudioSegment> Looped(List<AudioSegment> period, LoopMap loop, double length, TimeMappedClip clip)
    {
        if (double.IsInfinity(length))
            throw new ScriptComposerException(
                $"{clip.Describe()} loops for as long as it is shown, but nothing around it has a duration, so its sound would never end. Give it or its composite a duration with WithDuration(seconds), or Loop(n) a number of times.");
        if (length <= 0)
            return [];
        var repetitions = (long)Math.Ceiling(length / loop.Period - 1e-9);
        return LongRange(repetitions)
            .SelectMany(k => period.Select(s => s.Window(0, loop.Period)?.Shift(k * loop.Period)))
            .OfType<AudioSegment>().ToList();
    }

    private static IEnumerable<long> LongRange(long count)
    {
        for (long k = 0; k < count; k++)
            yield return k;
    }

    /// <summary>The clip's fades and volume functions as one envelope on its own timeline, or null when it has none.</summary>
    private static GainEnvelope? Envelope(Clip clip, double duration)
    {
        if (clip.AudioFadeInDuration is null && clip.AudioFadeOutDuration is null && clip.AudioVolumeCurve is null)
            return null;
        if (double.IsInfinity(duration) && clip.AudioFadeOutDuration is not null)
            throw new ScriptComposerException($"{clip.Describe()} has an audio fade-out but no duration. Give it one with WithDuration(seconds).");
        var fadeIn = clip.AudioFadeInDuration;
        var fadeOut = clip.AudioFadeOutDuration;
        var curve = clip.AudioVolumeCurve;
        return new GainEnvelope(time =>
        {
            var gain = 1.0;
            if (fadeIn is { } a && time < a)
                gain *= Math.Max(0, time) / a;
            if (fadeOut is { } b && duration - time < b)
                gain *= Math.Max(0, duration - time) / b;
            if (curve is not null)
            {
                var value = curve(time);
                if (!double.IsFinite(value) || value < 0)
                    throw new ScriptComposerException($"The volume function of {clip.Describe()} returned {value} at {time:0.######} s; it must return a number of 0 or more.");
                gain *= value;
            }
            return gain;
        });
    }
}
