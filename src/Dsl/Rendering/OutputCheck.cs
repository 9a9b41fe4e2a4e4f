using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>
/// What <c>sc check</c> proves of an output without rendering it: everything <see cref="RenderJob.Validate"/> checks, every frame
/// planned (so a script function that throws or returns nonsense at some moment, or a fade with no end to fade toward, is found),
/// and its sound laid out and its format chosen. A video is also tried: one frame encoded with all its settings (ffmpeg alone
/// knows which presets, pixel formats, bitrates and ffmpegArgs it takes), and its first, middle and last frames drawn on the CPU
/// with a moment of sound mixed at each (a Map, frame generator or volume function runs only then).
/// </summary>
public static class OutputCheck
{
    /// <summary>Checks <paramref name="output"/> and says in a few words what was checked.</summary>
    /// <exception cref="ScriptComposerException">Something would make the render fail.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (planning a long output takes a while).</exception>
    public static string Check(ScriptOutput output, IEnumerable<string>? scriptFiles = null, CancellationToken cancellation = default)
    {
        RenderJob.Validate(output, scriptFiles);
        // The script's code runs in the drawn frames and the sound's mix: its relative paths resolve from its folder, as in a render.
        using var paths = output.ResolvingPaths();
        switch (output)
        {
            case VideoOutput video:
            {
                var (first, end, fps) = RenderJob.Frames(video, RenderRange.Whole);
                var pipe = new EncodeSpec(video.Path, video.Clip.Width, video.Clip.Height, fps, video.Encoder, video.Kind, video.Alpha).Pipe;
                var needs = new FramePlanner().Needs(video.Clip, fps, first, end, pipe, cancellation);
                var sound = video.Audio is { } settings ? Sound(video.Clip, video.Path, settings, video.Clip.Duration!.Value, orSilence: false) : "no sound";
                if (video.IsNull)
                    return $"{video.Path}: {needs.Frames} frames planned, {sound}";
                EncoderTrial.Require(video, fps);
                var drawn = DrawSamples(video, fps, first, end);
                return $"{video.Path}: {needs.Frames} frames planned, {sound}; one frame encoded, {drawn} drawn";
            }
            case AudioOutput audio:
                return $"{audio.Path}: {Sound(audio.Clip, audio.Path, audio.Settings, audio.Clip.Duration!.Value, orSilence: true)}";
            case FrameOutput frame:
                new FramePlanner().PictureWithOwnAlpha(frame.Clip, frame.Time);
                return $"{frame.Path}: the frame at {frame.Time:0.###} s planned";
            default:
                throw new NotSupportedException(output.GetType().Name);
        }
    }

    /// <summary>
    /// Draws the first, middle and last frames of <paramref name="video"/> on the CPU, and mixes a moment of its sound at each, so a
    /// script function that runs only while pixels or samples are made (a Map, a frame generator, a volume function) and throws is
    /// found at its line. Returns how many frames were drawn.
    /// </summary>
    private static int DrawSamples(VideoOutput video, FrameRate fps, long first, long end)
    {
        var spec = new EncodeSpec(video.Path, video.Clip.Width, video.Clip.Height, fps, video.Encoder, video.Kind, video.Alpha);
        var samples = new[] { first, first + (end - first) / 2, end - 1 }.Distinct().ToList();
        using var backend = new CpuBackend();
        using var renderer = new FrameRenderer(backend);
        var frame = new byte[spec.FrameBytes];
        foreach (var index in samples)
        {
            renderer.RenderToPipe(video.Clip, fps.TimeOf(index), spec.Pipe, frame);
            // A sound file is read from its start up to the moment: past the first minutes that costs seconds, more than a check should.
            if (video.Audio is { } settings && fps.TimeOf(index) <= MostSoundReadAhead)
                MixMoment(video, settings, fps.TimeOf(index), Math.Min(fps.TimeOf(index) + SoundMoment, fps.TimeOf(end)));
        }
        return samples.Count;
    }

    /// <summary>The latest drawn frame whose moment of sound is mixed too, in seconds.</summary>
    private const double MostSoundReadAhead = 120;

    /// <summary>How much sound is mixed at each drawn frame: a few blocks of the mixer.</summary>
    private const double SoundMoment = 0.25;

    private static void MixMoment(VideoOutput video, AudioSettings settings, double from, double to)
    {
        using var mix = RenderJob.Mix(video.Clip, video.Path, settings, from, to, orSilence: false);
        if (mix is null)
            return;
        var block = new float[AudioMixer.BlockFrames * mix.Format.Channels];
        while (mix.Read(block) > 0)
        {
        }
    }

    private static string Sound(Clip clip, string path, AudioSettings settings, double duration, bool orSilence)
    {
        var segments = AudioTimeline.Segments(clip);
        if (!orSilence && segments.Count == 0)
            return "no sound";
        SoundEnds.Require(segments, 0, duration);
        var format = AudioFormat.For(segments, settings, settings.Codec ?? OutputFormats.DefaultAudioCodec(path));
        return $"sound at {format.SampleRate} Hz, {format.Layout.Name}";
    }
}
