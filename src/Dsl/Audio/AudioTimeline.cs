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
        Local(clip).Where(s => s.Source is not SilenceAudio && s.Volume > 0).ToList();

    private static List<AudioSegment> Local(Clip clip)
    {
        if (clip.AudioMuted)
            return [];
        // A replacement sound runs on the clip's own timeline; the clip's own sound on its content timeline.
        var local = clip.AudioReplacement is { } replacement
            ? Local(replacement).Select(s => s.Shift(replacement.Start))
            : Content(clip).Select(s => s.Shift(-clip.SourceOffset));
        var duration = clip.Duration ?? double.PositiveInfinity;
        var envelope = Envelope(clip, duration);
        return local
            .Select(s => s.Window(0, duration))
            .OfType<AudioSegment>()
            .Select(s => s.WithGain(clip.AudioVolume, envelope))
            .ToList();
    }

    /// <summary>The clip's sound on its content timeline (before its own subclip and duration apply).</summary>
    private static List<AudioSegment> Content(Clip clip) => clip switch
    {
        VideoClip { Media.HasAudio: true } video => [Whole(FileAudio.Of(MediaProbe.ProbeAudio(video.Media.Path)))],
        AudioClip audio => [Whole(audio.Source)],
        CompositeClip composite => composite.Layers.SelectMany(l => Local(l).Select(s => s.Shift(l.Start))).ToList(),
        TimeMappedClip mapped => Remap(Local(mapped.Inner), mapped.Map),
        CropClip crop => Local(crop.Inner),
        MarginClip margin => Local(margin.Inner),
        ResizeClip resize => Local(resize.Inner),
        EffectClip effect => Local(effect.Inner),
        _ => [],
    };

    private static AudioSegment Whole(AudioSource source) =>
        new(source, 0, source.Length ?? 1e7, 0, 1, false, 1, []);

    private static List<AudioSegment> Remap(List<AudioSegment> inner, TimeMap map) => map switch
    {
        SpeedMap speed => inner.Select(s => s.Speed(speed.Factor)).ToList(),
        ReverseMap reverse => inner.Select(s => s.Window(0, reverse.InnerDuration)).OfType<AudioSegment>().Select(s => s.Mirror(reverse.InnerDuration)).ToList(),
        LoopMap loop => Enumerable.Range(0, (int)Math.Ceiling((loop.TotalDuration ?? loop.Period) / loop.Period))
            .SelectMany(k => inner.Select(s => s.Window(0, loop.Period)?.Shift(k * loop.Period)))
            .OfType<AudioSegment>().ToList(),
        FreezeMap freeze => inner.Select(s => s.Window(0, freeze.At))
            .Concat(inner.Select(s => s.Window(freeze.At, double.PositiveInfinity)?.Shift(freeze.Hold)))
            .OfType<AudioSegment>().ToList(),
        CutOutMap cut => inner.Select(s => s.Window(0, cut.From))
            .Concat(inner.Select(s => s.Window(cut.To, double.PositiveInfinity)?.Shift(cut.From - cut.To)))
            .OfType<AudioSegment>().ToList(),
        _ => throw new NotSupportedException($"No audio mapping for {map.GetType().Name}."),
    };

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
