using System.ComponentModel;
using FFMpegCore;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Reads a video file's size, duration and frame rate through FFMpegCore's ffprobe wrapper, once per file version
/// (<see cref="ProbeCache"/>).
/// </summary>
public static class MediaProbe
{
    public static MediaInfo Probe(string path)
    {
        RequireFile(path, "video");
        return ProbeCache.Video(Path.GetFullPath(path), () => ProbeUncached(path), DiskCache.Folder("probes"));
    }

    /// <summary>Reads an audio (or video) file's first audio stream.</summary>
    public static AudioInfo ProbeAudio(string path)
    {
        RequireFile(path, "audio");
        return ProbeCache.Audio(Path.GetFullPath(path), () => ProbeAudioUncached(path), DiskCache.Folder("probes"));
    }

    private static MediaInfo ProbeUncached(string path)
    {
        var analysis = Analyse(path, "video");
        var video = analysis.PrimaryVideoStream
            ?? throw new ScriptComposerException($"'{path}' has no video stream. Give a video file, or use Image(...) for a picture.");
        var width = video.Width ?? 0;
        var height = video.Height ?? 0;
        if (width <= 0 || height <= 0)
            throw new ScriptComposerException($"'{path}' has a video stream of size {width}x{height}, which cannot be decoded.");
        var duration = video.Duration > TimeSpan.Zero ? video.Duration : analysis.Duration;
        if (duration <= TimeSpan.Zero)
            throw new ScriptComposerException($"'{path}' reports no duration; it may be a single picture (use Image(...)) or a broken file.");
        var fps = video.AverageFrameRate is > 0 and < 1000 ? video.AverageFrameRate : video.RealFrameRate is > 0 and < 1000 ? video.RealFrameRate : 25;
        return new MediaInfo(Path.GetFullPath(path), width, height, duration.TotalSeconds, FrameRate.FromDouble(fps),
            video.PixelFormat ?? "", analysis.PrimaryAudioStream is not null, analysis.PrimaryAudioStream?.Channels ?? 0,
            video.ColorSpace, video.ColorRange);
    }

    private static AudioInfo ProbeAudioUncached(string path)
    {
        var analysis = Analyse(path, "audio");
        var audio = analysis.PrimaryAudioStream
            ?? throw new ScriptComposerException($"'{path}' has no audio stream. Give a file with sound, or use Silence(seconds).");
        var duration = audio.Duration > TimeSpan.Zero ? audio.Duration : analysis.Duration;
        if (duration <= TimeSpan.Zero)
            throw new ScriptComposerException($"'{path}' reports no audio duration; the file may be broken.");
        return new AudioInfo(Path.GetFullPath(path), duration.TotalSeconds, audio.SampleRateHz ?? 0, audio.Channels ?? 0, audio.ChannelLayout ?? "");
    }

    private static void RequireFile(string path, string kind)
    {
        if (!File.Exists(path))
            throw new ScriptComposerException(
                Directory.Exists(path) ? $"'{path}' is a folder, not {Article(kind)} file. Give the path of {Article(kind)} file." :
                $"The {kind} file '{path}' does not exist. Check the path (relative paths are resolved from the script's folder).");
    }

    private static IMediaAnalysis Analyse(string path, string kind)
    {
        IMediaAnalysis analysis;
        try
        {
            var options = new FFOptions();
            if (FfmpegTools.BinaryFolder is { } folder) options.BinaryFolder = folder;
            else _ = FfmpegTools.FfprobePath;
            analysis = FFProbe.Analyse(path, options);
        }
        catch (ScriptComposerException)
        {
            throw;
        }
        catch (Win32Exception e)
        {
            throw new ScriptComposerException($"ffprobe could not be started to read '{path}'. {FfmpegTools.InstallHint}", e);
        }
        catch (Exception e)
        {
            throw new ScriptComposerException($"'{path}' is not {Article(kind)} file ffmpeg can read ({FirstLine(e.Message)}). Check that the file is complete and is {Article(kind)}.", e);
        }
        return analysis;
    }

    private static string Article(string kind) => kind == "audio" ? "an audio" : "a video";

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "unknown error";
}
