using System.Globalization;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Streams raw I420 frames (BT.709, limited range) into ffmpeg, which encodes them into a temporary file that
/// <see cref="Complete"/> renames to the output; disposing without completing kills ffmpeg and deletes it.
/// </summary>
public sealed class VideoEncoder : IDisposable
{
    private readonly FfmpegProcess _ffmpeg;
    private readonly string _outputPath;
    private readonly string _temporaryPath;
    private bool _completed;

    private VideoEncoder(FfmpegProcess ffmpeg, string outputPath, string temporaryPath)
    {
        _ffmpeg = ffmpeg;
        _outputPath = outputPath;
        _temporaryPath = temporaryPath;
    }

    public static VideoEncoder Start(string outputPath, int width, int height, FrameRate fps, EncoderSettings settings)
    {
        CheckEncoder(settings, width, height);
        var temporary = OutputFile.TemporaryPathFor(outputPath);
        return new VideoEncoder(FfmpegProcess.Start(BuildArguments(temporary, width, height, fps, settings), redirectInput: true, redirectOutput: false), outputPath, temporary);
    }

    /// <summary>Refuses, before any frame is computed, an encoder ffmpeg lacks or a size yuv420p cannot hold.</summary>
    public static void CheckEncoder(EncoderSettings settings, int width, int height)
    {
        var encoders = FfmpegTools.Encoders();
        if (!encoders.Contains(settings.Codec))
        {
            var available = EncoderSettings.Alternatives.Where(encoders.Contains).ToList();
            throw new ScriptComposerException(
                $"This ffmpeg has no encoder '{settings.Codec}'. " +
                (available.Count > 0 ? $"Use one it has, for example codec: \"{available[0]}\" ({string.Join(", ", available)} are available)." : "Install an ffmpeg build with libx264 (Debian's ffmpeg package has it)."));
        }
        if (settings.PixelFormat is "yuv420p" or "yuvj420p" or "nv12" && (width % 2 != 0 || height % 2 != 0))
            throw new ScriptComposerException(
                $"The output is {width}x{height}, but {settings.PixelFormat} video needs an even width and height. Use {width + width % 2}x{height + height % 2} or {width - width % 2}x{height - height % 2}.");
    }

    /// <summary>The exact ffmpeg arguments for an output; pinned by tests so a change is deliberate.</summary>
    public static IReadOnlyList<string> BuildArguments(string outputPath, int width, int height, FrameRate fps, EncoderSettings settings)
    {
        var args = new List<string>
        {
            "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
            "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{width}x{height}", "-framerate", fps.ToString(),
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
            "-i", "pipe:0",
            "-an", "-c:v", settings.Codec,
        };
        if (settings.Preset is { } preset) args.AddRange(["-preset", preset]);
        if (settings.Crf is { } crf) args.AddRange(["-crf", crf.ToString(CultureInfo.InvariantCulture)]);
        if (settings.Bitrate is { } bitrate) args.AddRange(["-b:v", bitrate]);
        if (settings.Threads is { } threads) args.AddRange(["-threads", threads.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(["-pix_fmt", settings.PixelFormat, "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"]);
        if (Path.GetExtension(outputPath).Equals(".mp4", StringComparison.OrdinalIgnoreCase) || Path.GetExtension(outputPath).Equals(".mov", StringComparison.OrdinalIgnoreCase))
            args.AddRange(["-movflags", "+faststart"]);
        if (settings.ExtraArguments is { } extra) args.AddRange(extra);
        args.Add(outputPath);
        return args;
    }

    public void WriteFrame(ReadOnlySpan<byte> yuv420)
    {
        try
        {
            _ffmpeg.Input.Write(yuv420);
        }
        catch (IOException e)
        {
            throw Failure("stopped accepting frames", e);
        }
    }

    /// <summary>Closes the pipe, waits for ffmpeg, and renames the temporary file to the output.</summary>
    public void Complete()
    {
        try
        {
            _ffmpeg.Input.Close();
        }
        catch (IOException e)
        {
            throw Failure("failed while finishing the file", e);
        }
        var code = _ffmpeg.WaitForExit();
        if (code != 0)
            throw Failure($"exited with code {code}", null);
        File.Move(_temporaryPath, _outputPath, overwrite: true);
        _completed = true;
    }

    public void Dispose()
    {
        _ffmpeg.Dispose();
        if (!_completed && File.Exists(_temporaryPath))
            File.Delete(_temporaryPath);
    }

    private ScriptComposerException Failure(string what, Exception? inner)
    {
        _ffmpeg.Kill();
        var message = $"ffmpeg {what} while writing '{_outputPath}'; nothing was written there. ffmpeg said:\n{_ffmpeg.StderrTail}";
        return inner is null ? new ScriptComposerException(message) : new ScriptComposerException(message, inner);
    }
}
