using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Scripting;

/// <summary>
/// What a script sees besides the DSL: its arguments and the functions that declare outputs. Evaluation only
/// records the outputs; the host renders them afterwards.
/// </summary>
public class ScriptGlobals(ScriptArgs args)
{
    private readonly List<ScriptOutput> _outputs = [];

    /// <summary>The <c>--set key=value</c> pairs of the command line.</summary>
    public ScriptArgs Args { get; } = args;

    /// <summary>The outputs the script declared, in order.</summary>
    public IReadOnlyList<ScriptOutput> Outputs => _outputs;

    /// <summary>
    /// Declares a video to render (H.264 in mp4 by default). <paramref name="crf"/>, <paramref name="bitrate"/> and
    /// <paramref name="threads"/> default to ffmpeg's choice; <paramref name="ffmpegArgs"/> are added before the output name.
    /// </summary>
    public void Render(Clip clip, string path, double fps = 30, string codec = "libx264", string? preset = "medium",
        int? crf = null, string? bitrate = null, int? threads = null, string pixelFormat = "yuv420p", string[]? ffmpegArgs = null)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.Duration is not { } duration)
            throw new ArgumentException($"{clip.Describe()} has no duration, so Render would never end. Give it one with .WithDuration(seconds).", nameof(clip));
        if (duration <= 0)
            throw new ArgumentOutOfRangeException(nameof(clip), $"{clip.Describe()} lasts {duration} s; a video needs a positive duration.");
        if (crf is < 0 or > 63)
            throw new ArgumentOutOfRangeException(nameof(crf), $"crf must be between 0 (lossless) and 51 for H.264 (63 for some codecs); got {crf}.");
        if (threads is < 0)
            throw new ArgumentOutOfRangeException(nameof(threads), $"threads must be 0 (automatic) or more; got {threads}.");
        if (string.IsNullOrWhiteSpace(codec))
            throw new ArgumentException("codec must name an ffmpeg encoder, such as \"libx264\".", nameof(codec));
        var settings = new EncoderSettings(codec, preset, crf, bitrate, threads, pixelFormat, ffmpegArgs?.ToArray());
        _outputs.Add(new VideoOutput(clip, MediaPaths.Resolve(path), FrameRate.FromDouble(fps), settings));
    }

    /// <summary>Declares a PNG of <paramref name="clip"/> at <paramref name="time"/> seconds.</summary>
    public void SaveFrame(Clip clip, double time, string path)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (!double.IsFinite(time) || time < 0 || (clip.Duration is { } d && time >= d))
            throw new ArgumentOutOfRangeException(nameof(time), $"SaveFrame at {time} s is outside {clip.Describe()}{(clip.Duration is { } len ? $", which lasts {len:0.###} s" : "")}.");
        _outputs.Add(new FrameOutput(clip, time, MediaPaths.Resolve(path)));
    }
}
