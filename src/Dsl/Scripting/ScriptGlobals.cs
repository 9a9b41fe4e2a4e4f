using System.Runtime.CompilerServices;
using ScriptComposer.Dsl.Audio;
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
    /// Declares a video to render. The container comes from the extension (.mp4, .mkv, .mov, .webm; .gif; a picture
    /// pattern such as "frames/f_%04d.png"), the codec defaults to the container's usual one (H.264, VP9 for webm,
    /// ProRes 4444 for a .mov with <paramref name="alpha"/>). Any other container or codec ffmpeg writes (.ts, .avi, .mxf,
    /// .nut, .y4m; rawvideo or dnxhd in a .mkv) is tried here with one frame, and ffmpeg's refusal is the error at this line. <paramref name="crf"/>, <paramref name="bitrate"/> and
    /// <paramref name="threads"/> default to ffmpeg's choice; <paramref name="ffmpegArgs"/> are added before the output
    /// name. The clip's sound is muxed in unless <paramref name="audio"/> is false, at <paramref name="sampleRate"/> Hz
    /// (else the sources' common rate, or 48 kHz when they differ) and with <paramref name="channels"/> channels (else the
    /// widest source layout: a 5.1 source gives 5.1 sound).
    /// </summary>
    public void Render(Clip clip, string path, double fps = 30, string? codec = null, string? preset = null,
        int? crf = null, string? bitrate = null, int? threads = null, string? pixelFormat = null, string[]? ffmpegArgs = null,
        bool alpha = false, bool audio = true, string? audioCodec = null, string? audioBitrate = null, int? sampleRate = null, int? channels = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        RequireDuration(clip, "Render");
        if (crf is < 0 or > 63)
            throw new ArgumentOutOfRangeException(nameof(crf), $"crf must be between 0 (lossless) and 51 for H.264 (63 for some codecs); got {crf}.");
        if (threads is < 0)
            throw new ArgumentOutOfRangeException(nameof(threads), $"threads must be 0 (automatic) or more; got {threads}.");
        if (codec is not null && string.IsNullOrWhiteSpace(codec))
            throw new ArgumentException("codec must name an ffmpeg encoder, such as \"libx264\".", nameof(codec));
        RequireSampleRate(sampleRate);
        RequireChannels(channels);
        var call = new RenderCall(fps, codec, preset, crf, bitrate, threads, pixelFormat, ffmpegArgs?.ToArray(), alpha, audio, audioCodec, audioBitrate, sampleRate, channels);
        _outputs.Add(call.Declare(clip, MediaPaths.Resolve(path)) with { DeclaredAt = ScriptLocation.Of(file, line) });
    }

    /// <summary>
    /// Declares the sound of <paramref name="clip"/> alone as an audio file (.m4a, .wav, .mp3, .ogg, .opus, .flac), at
    /// <paramref name="sampleRate"/> Hz and with <paramref name="channels"/> channels, each chosen as for <see cref="Render"/> when not given.
    /// </summary>
    public void RenderAudio(Clip clip, string path, string? codec = null, string? bitrate = null, int? sampleRate = null, int? channels = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        RequireDuration(clip, "RenderAudio");
        RequireSampleRate(sampleRate);
        RequireChannels(channels);
        var resolved = MediaPaths.Resolve(path);
        if (!OutputFormats.IsAudioOnly(resolved))
            throw new ArgumentException($"RenderAudio writes .m4a, .wav, .mp3, .ogg, .opus or .flac; '{System.IO.Path.GetFileName(path)}' is none of these.", nameof(path));
        var audioCodec = codec ?? OutputFormats.DefaultAudioCodec(resolved);
        OutputFormats.CheckAudio(resolved, audioCodec);
        _outputs.Add(new AudioOutput(clip, resolved, new AudioSettings(audioCodec, bitrate, sampleRate, channels)) { DeclaredAt = ScriptLocation.Of(file, line) });
    }

    private static double RequireDuration(Clip clip, string what)
    {
        NullArgument.ThrowIfNull(clip, method: what);
        if (clip.Duration is not { } duration)
            throw new ArgumentException($"{clip.Describe()} has no duration, so {what} would never end. Give it one with .WithDuration(seconds).", nameof(clip));
        if (duration <= 0)
            throw new ArgumentOutOfRangeException(nameof(clip), $"{clip.Describe()} lasts {duration} s; an output needs a positive duration.");
        if (duration > LongestOutput)
            throw new ArgumentOutOfRangeException(nameof(clip),
                $"{clip.Describe()} lasts {Amount(duration)} s ({Amount(duration / 86400)} days); an output may last at most {LongestOutput / 86400:0} days ({LongestOutput:0} s). " +
                "Check the WithDuration, Loop count or seconds, or Speed factor that made it this long, or cut what is shown with .Subclip(0, seconds).");
        return duration;
    }

    /// <summary>
    /// The longest output sc renders, in seconds: 7 days. Longer is a mistake (a Loop count or Speed factor off by powers of ten)
    /// that would otherwise plan and mix for hours, or forever, before the first frame; and 1000 fps of it still fits a frame count.
    /// </summary>
    public const double LongestOutput = 7 * 24 * 3600;

    /// <summary>A number as a reader takes it in: 115.7, or 1.16e+13 rather than fourteen digits.</summary>
    private static string Amount(double value) =>
        value.ToString(value < 1e6 ? "0.#" : "0.##e+0", System.Globalization.CultureInfo.InvariantCulture);

    private static void RequireSampleRate(int? sampleRate)
    {
        if (sampleRate is < 8000 or > 192000)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), $"sampleRate must be between 8000 and 192000 Hz; got {sampleRate}.");
    }

    private static void RequireChannels(int? channels)
    {
        if (channels is < 1 or > 8)
            throw new ArgumentOutOfRangeException(nameof(channels), $"channels must be from 1 (mono) to 8 (7.1); got {channels}.");
    }

    /// <summary>Declares a PNG of <paramref name="clip"/> at <paramref name="time"/> seconds.</summary>
    public void SaveFrame(Clip clip, Seconds time, string path, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        NullArgument.ThrowIfNull(clip);
        if (!double.IsFinite(time) || time < 0 || (clip.Duration is { } d && time >= d))
            throw new ArgumentOutOfRangeException(nameof(time), $"SaveFrame at {time} s is outside {clip.Describe()}{(clip.Duration is { } len ? $", which lasts {len:0.###} s" : "")}.");
        _outputs.Add(new FrameOutput(clip, time, MediaPaths.Resolve(path)) { DeclaredAt = ScriptLocation.Of(file, line) });
    }
}
