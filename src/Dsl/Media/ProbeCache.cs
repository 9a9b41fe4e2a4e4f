using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// What ffprobe said about a file, kept in memory for the process and on disk (<see cref="DiskCache"/> folder "probes") for
/// later ones: a user re-renders after editing the script far more often than after replacing the media, and each ffprobe
/// run costs a process start (~0.1 s here). An entry is keyed by the file's full path, size and modification time and by
/// the ffprobe binary's, so a changed file or a new ffmpeg is probed again. Only successful probes are kept, sealed with
/// their checksum (<see cref="DiskCache.WriteSealed"/>); an entry that is damaged, of another format or holds an
/// impossible value is probed again and replaced.
/// </summary>
internal static class ProbeCache
{
    /// <summary>2: exact durations, the audio's channel layout, and where a truncated file's streams end; 3: where the video starts, and the container; 4: where the sound starts, and when a variable-rate video's pictures show; 5: how the picture is turned; 6: the sound's start as decoded; 7: the decoded size of pixels that are not square; 8: an MPEG-TS's streams last to their last packet's end; 9: the picture times of a short variable-rate Matroska; 10: a cover picture is not the video; 11: BT.2020 and the decoder of VP8/VP9 with alpha; 12: a lossy sound lasts as long as it decodes; 13: an FLV's or APNG's streams last to their packets' end; 14: the sound of an MP4 or MOV keeps its stated length; 15: an MPEG-PS's video lasts to its last picture, which often has a decoding time only; 16: an average frame rate above the base rate is not the pictures' rate; 17: a single picture (a JPEG, an SVG) is no video.</summary>
    private const string Format = "sc-probe 17";
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
        if (file is not null && Parse(DiskCache.TryReadSealed(file, Format)) is { } fields)
        {
            try
            {
                var fromDisk = read(fullPath, fields);
                Memory[memoryKey] = fromDisk;
                DiskCache.Touch(file);
                return fromDisk;
            }
            catch (Exception e) when (e is FormatException or KeyNotFoundException or OverflowException or ArgumentException or InvalidDataException)
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
            var text = new StringBuilder();
            foreach (var (name, value) in values)
                text.Append(name).Append('=').Append(value).Append('\n');
            DiskCache.WriteSealed(file, Format, Encoding.UTF8.GetBytes(text.ToString()));
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
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
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

    private static double? OptionalDouble(IReadOnlyDictionary<string, string> f, string name) => f.ContainsKey(name) ? Double(f, name) : null;

    /// <summary>Values that parse but cannot be what a probe said (a size of 0, no duration) make the entry one to probe again.</summary>
    private static void Require(bool possible)
    {
        if (!possible)
            throw new InvalidDataException("An impossible value in a probe cache entry.");
    }

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
        if (m.PictureEnd is { } pictures) f["picture-end"] = Number(pictures);
        if (m.SoundEnd is { } sound) f["sound-end"] = Number(sound);
        f["video-start"] = Number(m.VideoStart);
        if (m.Container is { } container) f["container"] = container;
        if (m.Decoder is { } decoder) f["decoder"] = decoder;
        f["rotation"] = Number(m.Rotation);
        f["decoded-size"] = $"{Number(m.DecodedWidth)}x{Number(m.DecodedHeight)}";
        if (m.FrameTimes is { } times) f["frame-times"] = string.Join(',', times.Select(Number));
        f["frame-time-tick"] = Number(m.FrameTimeTick);
    }

    private static MediaInfo ReadVideo(string fullPath, IReadOnlyDictionary<string, string> f)
    {
        var fps = f["fps"].Split('/');
        var channels = Int(f, "audio-channels");
        var media = new MediaInfo(fullPath, Int(f, "width"), Int(f, "height"), Double(f, "duration"),
            new FrameRate(int.Parse(fps[0], CultureInfo.InvariantCulture), int.Parse(fps[1], CultureInfo.InvariantCulture)),
            f["pixel-format"], channels >= 0, Math.Max(channels, 0), f.GetValueOrDefault("color-space"), f.GetValueOrDefault("color-range"))
        {
            PictureEnd = OptionalDouble(f, "picture-end"),
            SoundEnd = OptionalDouble(f, "sound-end"),
            VideoStart = Double(f, "video-start"),
            Container = f.GetValueOrDefault("container"),
            Decoder = f.GetValueOrDefault("decoder"),
            Rotation = Int(f, "rotation"),
            DecodedWidth = int.Parse(f["decoded-size"].Split('x')[0], CultureInfo.InvariantCulture),
            DecodedHeight = int.Parse(f["decoded-size"].Split('x')[1], CultureInfo.InvariantCulture),
            FrameTimeTick = Double(f, "frame-time-tick"),
            FrameTimes = f.TryGetValue("frame-times", out var times) ? times.Split(',').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray() : null,
        };
        Require(media.Rotation is 0 or 90 or 180 or 270);
        Require(media.FrameTimes is not { } read || (read.Count > 1 && read[0] == 0 && read.Zip(read.Skip(1)).All(p => p.First <= p.Second && double.IsFinite(p.Second))));
        Require(media is { Width: > 0, Height: > 0, Duration: > 0 and < double.PositiveInfinity, PictureEnd: null or >= 0, SoundEnd: null or >= 0 } && double.IsFinite(media.VideoStart));
        return media;
    }

    private static void WriteAudio(AudioInfo a, Dictionary<string, string> f)
    {
        f["duration"] = Number(a.Duration);
        f["sample-rate"] = Number(a.SampleRate);
        f["channels"] = Number(a.Channels);
        f["channel-layout"] = a.ChannelLayout;
        if (a.SoundEnd is { } sound) f["sound-end"] = Number(sound);
        f["audio-start"] = Number(a.Start);
    }

    private static AudioInfo ReadAudio(string fullPath, IReadOnlyDictionary<string, string> f)
    {
        var audio = new AudioInfo(fullPath, Double(f, "duration"), Int(f, "sample-rate"), Int(f, "channels"), f["channel-layout"])
        {
            SoundEnd = OptionalDouble(f, "sound-end"),
            Start = Double(f, "audio-start"),
        };
        Require(audio is { Duration: > 0 and < double.PositiveInfinity, SampleRate: >= 0, Channels: >= 0, SoundEnd: null or >= 0 } && double.IsFinite(audio.Start));
        return audio;
    }
}
