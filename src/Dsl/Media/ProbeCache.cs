using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// What ffprobe said about a file, kept in memory for the process and on disk (<see cref="DiskCache"/> folder "probes") for
/// later ones: a user re-renders after editing the script far more often than after replacing the media, and each ffprobe
/// run costs a process start (~0.1 s here). An entry is keyed by the file's full path, size and modification time and by
/// the ffprobe binary's, so a changed file or a new ffmpeg is probed again. Only successful probes are kept.
/// </summary>
internal static class ProbeCache
{
    private const string Format = "sc-probe 1";
    private const int MostEntries = 4096;

    private static readonly ConcurrentDictionary<string, object> Memory = new(StringComparer.Ordinal);

    /// <param name="folder">Where the entries are kept on disk; null for the memory alone.</param>
    public static MediaInfo Video(string fullPath, Func<MediaInfo> probe, string? folder) =>
        GetOrProbe(fullPath, "video", probe, folder, WriteVideo, ReadVideo);

    /// <param name="folder">Where the entries are kept on disk; null for the memory alone.</param>
    public static AudioInfo Audio(string fullPath, Func<AudioInfo> probe, string? folder) =>
        GetOrProbe(fullPath, "audio", probe, folder, WriteAudio, ReadAudio);

    private static T GetOrProbe<T>(string fullPath, string kind, Func<T> probe, string? folder, Action<T, Dictionary<string, string>> write,
        Func<string, IReadOnlyDictionary<string, string>, T> read) where T : class
    {
        if (Key(fullPath, kind) is not { } key)
            return probe();
        var memoryKey = $"{folder}|{key}";
        if (Memory.TryGetValue(memoryKey, out var known) && known is T hit)
            return hit;
        var file = folder is not null ? Path.Combine(folder, key + ".txt") : null;
        if (file is not null && Parse(DiskCache.TryRead(file)) is { } fields)
        {
            try
            {
                var fromDisk = read(fullPath, fields);
                Memory[memoryKey] = fromDisk;
                DiskCache.Touch(file);
                return fromDisk;
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or OverflowException or ArgumentException)
            {
                // Written by another version or damaged: probe again and replace it.
            }
        }
        var probed = probe();
        Memory[memoryKey] = probed;
        if (file is not null)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            write(probed, values);
            var text = new StringBuilder().Append(Format).Append('\n');
            foreach (var (name, value) in values)
                text.Append(name).Append('=').Append(value).Append('\n');
            DiskCache.Write(file, Encoding.UTF8.GetBytes(text.ToString()));
            DiskCache.Prune(Path.GetDirectoryName(file)!, MostEntries);
        }
        return probed;
    }

    /// <summary>Null when the file or ffprobe cannot be looked at; the probe then runs (and reports the problem) uncached.</summary>
    private static string? Key(string fullPath, string kind)
    {
        try
        {
            var media = new FileInfo(fullPath);
            var ffprobe = new FileInfo(FfmpegTools.FfprobePath);
            if (!media.Exists || !ffprobe.Exists)
                return null;
            return DiskCache.KeyOf($"{Format}\n{kind}\n{DiskCache.VersionOf(media)}\n{DiskCache.VersionOf(ffprobe)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ScriptComposerException)
        {
            return null;
        }
    }

    private static Dictionary<string, string>? Parse(byte[]? bytes)
    {
        if (bytes is null)
            return null;
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        if (lines[0] != Format)
            return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
                fields[line[..equals]] = line[(equals + 1)..];
        }
        return fields;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Int(IReadOnlyDictionary<string, string> f, string name) => int.Parse(f[name], CultureInfo.InvariantCulture);

    private static double Double(IReadOnlyDictionary<string, string> f, string name) => double.Parse(f[name], CultureInfo.InvariantCulture);

    private static void WriteVideo(MediaInfo m, Dictionary<string, string> f)
    {
        f["width"] = Number(m.Width);
        f["height"] = Number(m.Height);
        f["duration"] = Number(m.Duration);
        f["fps"] = $"{Number(m.FrameRate.Numerator)}/{Number(m.FrameRate.Denominator)}";
        f["pixel-format"] = m.PixelFormat;
        f["audio-channels"] = Number(m.HasAudio ? m.AudioChannels : -1);
        if (m.ColorSpace is { } space) f["color-space"] = space;
        if (m.ColorRange is { } range) f["color-range"] = range;
    }

    private static MediaInfo ReadVideo(string fullPath, IReadOnlyDictionary<string, string> f)
    {
        var fps = f["fps"].Split('/');
        var channels = Int(f, "audio-channels");
        return new MediaInfo(fullPath, Int(f, "width"), Int(f, "height"), Double(f, "duration"),
            new FrameRate(int.Parse(fps[0], CultureInfo.InvariantCulture), int.Parse(fps[1], CultureInfo.InvariantCulture)),
            f["pixel-format"], channels >= 0, Math.Max(channels, 0), f.GetValueOrDefault("color-space"), f.GetValueOrDefault("color-range"));
    }

    private static void WriteAudio(AudioInfo a, Dictionary<string, string> f)
    {
        f["duration"] = Number(a.Duration);
        f["sample-rate"] = Number(a.SampleRate);
        f["channels"] = Number(a.Channels);
        f["channel-layout"] = a.ChannelLayout;
    }

    private static AudioInfo ReadAudio(string fullPath, IReadOnlyDictionary<string, string> f) =>
        new(fullPath, Double(f, "duration"), Int(f, "sample-rate"), Int(f, "channels"), f["channel-layout"]);
}
