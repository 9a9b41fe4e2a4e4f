using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Scripting;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>
/// What <c>sc check</c> proves of an output without rendering it: everything <see cref="RenderJob.Validate"/> checks, every frame
/// planned (so a script function that throws or returns nonsense at some moment, or a fade with no end to fade toward, is found),
/// and its sound laid out and its format chosen. A video is also tried: one frame encoded with all its settings (ffmpeg alone
/// knows which presets, pixel formats, bitrates and ffmpegArgs it takes).
/// </summary>
public static class OutputCheck
{
    /// <summary>Checks <paramref name="output"/> and says in a few words what was checked.</summary>
    /// <exception cref="ScriptComposerException">Something would make the render fail.</exception>
    public static string Check(ScriptOutput output, IEnumerable<string>? scriptFiles = null)
    {
        RenderJob.Validate(output, scriptFiles);
        switch (output)
        {
            case VideoOutput video:
            {
                var (first, end, fps) = RenderJob.Frames(video, RenderRange.Whole);
                var pipe = new EncodeSpec(video.Path, video.Clip.Width, video.Clip.Height, fps, video.Encoder, video.Kind, video.Alpha).Pipe;
                var needs = new FramePlanner().Needs(video.Clip, fps, first, end, pipe);
                var sound = video.Audio is { } settings ? Sound(video.Clip, video.Path, settings, video.Clip.Duration!.Value, orSilence: false) : "no sound";
                if (video.IsNull)
                    return $"{video.Path}: {needs.Frames} frames planned, {sound}";
                EncoderTrial.Require(video, fps);
                return $"{video.Path}: {needs.Frames} frames planned, {sound}; one frame encoded";
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
