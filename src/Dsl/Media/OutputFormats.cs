using System.Text.RegularExpressions;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// What each container takes: default codecs, which codecs fit, and which keep an alpha channel. Checked before any
/// frame is computed, so a bad combination fails at once with a working alternative.
/// </summary>
public static partial class OutputFormats
{
    private static readonly Dictionary<string, string[]> VideoCodecs = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mp4"] = ["libx264", "libx265", "libopenh264", "mpeg4", "libvpx-vp9", "libaom-av1", "libsvtav1", "h264_nvenc", "hevc_nvenc"],
        [".webm"] = ["libvpx-vp9", "libvpx", "libaom-av1", "libsvtav1"],
        [".mov"] = ["libx264", "libx265", "prores_ks", "prores", "qtrle", "mpeg4", "png"],
        [".mkv"] = ["libx264", "libx265", "libvpx-vp9", "libvpx", "libaom-av1", "libsvtav1", "ffv1", "prores_ks", "mpeg4", "h264_nvenc", "hevc_nvenc", "png"],
    };

    private static readonly Dictionary<string, string[]> AudioCodecs = new(StringComparer.OrdinalIgnoreCase)
    {
        [".mp4"] = ["aac", "libmp3lame", "libopus", "ac3"],
        [".m4a"] = ["aac", "alac"],
        [".webm"] = ["libopus", "libvorbis"],
        [".mov"] = ["aac", "pcm_s16le", "alac", "pcm_s24le", "pcm_s32le", "pcm_f32le", "ac3", "libmp3lame"],
        [".mkv"] = ["aac", "libopus", "libvorbis", "flac", "pcm_s16le", "libmp3lame", "pcm_s24le", "pcm_s32le", "pcm_f32le", "alac", "ac3", "eac3"],
        [".wav"] = ["pcm_s16le", "pcm_s24le", "pcm_f32le", "pcm_s32le", "pcm_u8"],
        [".mp3"] = ["libmp3lame"],
        [".ogg"] = ["libvorbis", "libopus"],
        [".opus"] = ["libopus"],
        [".flac"] = ["flac"],
    };

    /// <summary>Codecs that keep transparency, with the pixel format that carries it.</summary>
    private static readonly Dictionary<string, string> AlphaPixelFormats = new(StringComparer.Ordinal)
    {
        ["prores_ks"] = "yuva444p10le",
        ["libvpx-vp9"] = "yuva420p",
        ["qtrle"] = "argb",
        ["png"] = "rgba",
        ["ffv1"] = "yuva420p",
    };

    /// <summary>The picture formats a sequence can be written in.</summary>
    private static readonly HashSet<string> SequenceExtensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg" };

    /// <summary>
    /// A picture sequence only when the name is a picture (.png, .jpg) with exactly one number pattern (<c>%d</c>,
    /// <c>%04d</c>; any other '%' doubled); every other name, '%' and all, is one file, which ffmpeg is told to take as it is.
    /// </summary>
    public static OutputKind KindOf(string path)
    {
        if (SequenceExtensions.Contains(Path.GetExtension(path)) && IsSequencePattern(Path.GetFileName(path)))
            return OutputKind.ImageSequence;
        return Path.GetExtension(path).Equals(".gif", StringComparison.OrdinalIgnoreCase) ? OutputKind.Gif : OutputKind.Video;
    }

    /// <summary>
    /// The ffmpeg muxer for a video or GIF output in the table, named so ffmpeg never guesses one from a name holding '%'; any other
    /// container's muxer is found by a one-frame trial (<see cref="OutputTrial"/>) and carried in <see cref="EncoderSettings.Muxer"/>.
    /// </summary>
    public static string Muxer(string path) => KnownMuxer(path) ?? OutputTrial.LearnedMuxer(Path.GetExtension(path)) ?? throw new ScriptComposerException(
        $"'{Path.GetFileName(path)}' has the extension '{Path.GetExtension(path)}', whose ffmpeg muxer is not known yet; declare the output with Render(...), which asks ffmpeg.");

    /// <summary>The muxer of a container in the table, or null.</summary>
    public static string? KnownMuxer(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".mp4" => "mp4",
        ".mov" => "mov",
        ".mkv" => "matroska",
        ".webm" => "webm",
        ".gif" => "gif",
        _ => null,
    };

    /// <summary>
    /// Whether the table speaks for this output: a GIF, a picture sequence, or a container of the table with one of its usual codecs.
    /// Anything else is settled by asking ffmpeg (<see cref="OutputTrial"/>).
    /// </summary>
    public static bool IsInTable(string path, string codec) =>
        KindOf(path) != OutputKind.Video || (VideoCodecs.TryGetValue(Path.GetExtension(path), out var allowed) && allowed.Contains(codec));

    /// <summary>Whether a pixel format has an alpha channel (yuva420p, rgba, argb, gbrap, ya8, ...).</summary>
    public static bool HasAlpha(string pixelFormat) =>
        pixelFormat.StartsWith("yuva", StringComparison.Ordinal) || pixelFormat.StartsWith("ya", StringComparison.Ordinal) ||
        pixelFormat.StartsWith("gbrap", StringComparison.Ordinal) || pixelFormat is "rgba" or "bgra" or "argb" or "abgr" or "rgba64le" or "rgba64be";

    /// <summary>The message for a codec the container refused, with the alternatives the table knows (ffmpeg's own words follow it).</summary>
    public static string Refusal(string path, string codec, bool byContainer)
    {
        var extension = Path.GetExtension(path);
        if (byContainer && codec.Length > 0 && VideoCodecs.TryGetValue(extension, out var usual))
            return $"The codec '{codec}' cannot go in a {extension} file. Use one of {string.Join(", ", usual.Take(4))} for {extension}, or a container that takes {codec}{Containers(codec)}.";
        var asked = codec.Length > 0
            ? $"ffmpeg cannot write '{Path.GetFileName(path)}' with the codec '{codec}' as asked"
            : $"ffmpeg cannot write '{Path.GetFileName(path)}' with the codecs ffmpeg takes for a {extension} file by default";
        var otherContainer = codec.Length > 0 ? $"a container that takes {codec}{Containers(codec)}" : "another container (.mp4, .mkv, .mov or .webm)";
        return VideoCodecs.TryGetValue(extension, out var allowed)
            ? $"{asked}. Change what ffmpeg objects to below, or use one of {string.Join(", ", allowed.Take(4))} for {extension}, or {otherContainer}."
            : $"{asked}. Change what ffmpeg objects to below, or name a codec it takes in a {extension} file (codec: \"...\", one that ffmpeg -encoders lists), or use {otherContainer}.";
    }

    /// <summary>Whether a file name holds exactly one number conversion and every other '%' is doubled.</summary>
    private static bool IsSequencePattern(string name)
    {
        var numbers = 0;
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] != '%')
                continue;
            if (i + 1 < name.Length && name[i + 1] == '%')
            {
                i++;
                continue;
            }
            var match = SequencePattern().Match(name, i);
            if (!match.Success || match.Index != i)
                return false;
            numbers++;
            i += match.Length - 1;
        }
        return numbers == 1;
    }

    public static bool IsAudioOnly(string path) => AudioCodecs.ContainsKey(Path.GetExtension(path)) && !VideoCodecs.ContainsKey(Path.GetExtension(path));

    public static string DefaultVideoCodec(string path, bool alpha)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return KindOf(path) switch
        {
            OutputKind.Gif => "gif",
            OutputKind.ImageSequence => extension is ".jpg" or ".jpeg" ? "mjpeg" : "png",
            _ => extension switch
            {
                ".webm" => "libvpx-vp9",
                ".mov" when alpha => "prores_ks",
                ".mkv" when alpha => "ffv1",
                _ => "libx264",
            },
        };
    }

    public static string DefaultAudioCodec(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".webm" or ".opus" => "libopus",
        ".ogg" => "libvorbis",
        ".wav" => "pcm_s16le",
        ".mp3" => "libmp3lame",
        ".flac" => "flac",
        _ => "aac",
    };

    /// <summary>
    /// The pixel format sc writes an output in when the script names none: yuv420p, the codec's own where the table knows better
    /// (the alpha format of the codec, RGB for PNG and QuickTime Animation), and for a video, where the encoder does not take that
    /// (libx264rgb takes only RGB), the first of the encoder's own formats with alpha as asked.
    /// </summary>
    public static string DefaultPixelFormat(string codec, bool alpha, OutputKind kind) =>
        kind == OutputKind.Video && codec.Length > 0 ? DefaultPixelFormat(codec, alpha, kind, FfmpegTools.PixelFormats(codec)) : Preferred(codec, alpha, kind);

    /// <param name="encoderTakes">The pixel formats the encoder takes (empty: any).</param>
    internal static string DefaultPixelFormat(string codec, bool alpha, OutputKind kind, IReadOnlyList<string> encoderTakes)
    {
        var preferred = Preferred(codec, alpha, kind);
        if (encoderTakes.Count == 0 || encoderTakes.Contains(preferred))
            return preferred;
        return encoderTakes.FirstOrDefault(format => HasAlpha(format) == alpha) ?? encoderTakes[0];
    }

    private static string Preferred(string codec, bool alpha, OutputKind kind) => kind switch
    {
        OutputKind.Gif => "pal8",
        OutputKind.ImageSequence => codec == "mjpeg" ? "yuvj444p" : alpha ? "rgba" : "rgb24",
        _ when alpha => AlphaPixelFormats.GetValueOrDefault(codec, "yuva420p"),
        // ProRes is 4:2:2 10-bit: converted from RGBA at once, not from 8-bit 4:2:0 on the way.
        _ when codec == "prores_ks" => "yuv422p10le",
        _ when codec == "mjpeg" => "yuvj420p",
        _ when codec is "qtrle" or "png" => "rgb24",
        _ => "yuv420p",
    };

    /// <summary>Whether a pixel format holds Y'CbCr in full range (0 to 255): the JPEG formats, yuvj420p and its kin.</summary>
    public static bool IsFullRange(string pixelFormat) => pixelFormat.StartsWith("yuvj", StringComparison.Ordinal);

    /// <summary>
    /// Whether the output cannot say which Y'CbCr matrix it holds, so readers take ffmpeg's default (BT.601; full range for JPEG):
    /// a .y4m, Motion JPEG. Such outputs get ffmpeg's own conversion from RGBA instead of BT.709, so they read back as drawn.
    /// </summary>
    public static bool UsesDefaultMatrix(EncoderSettings settings) => settings.Codec == "mjpeg" || settings.Muxer == "yuv4mpegpipe";

    /// <summary>
    /// Refuses a video output named like one picture (a .png or .jpg that is no picture pattern: 'still.png', or
    /// 'f_%d%d.png' with two numbers), where ffmpeg would fail at the second frame or write one file per frame under a
    /// name nobody asked for.
    /// </summary>
    public static void CheckNotOnePicture(string path)
    {
        if (KindOf(path) != OutputKind.Video || !SequenceExtensions.Contains(Path.GetExtension(path)))
            return;
        var name = Path.GetFileName(path);
        throw new ScriptComposerException(
            $"'{name}' names one picture, but Render writes every frame. For a picture sequence give a pattern with one number, " +
            $"such as '{Path.GetFileNameWithoutExtension(name).Replace("%", "", StringComparison.Ordinal)}_%04d{Path.GetExtension(name)}'; for one frame, SaveFrame(clip, seconds, \"{name}\"); for a video, a .mp4.");
    }

    /// <summary>Refuses a codec the container cannot hold, or alpha a codec cannot carry, naming what works.</summary>
    public static void CheckVideo(string path, string codec, bool alpha)
    {
        var kind = KindOf(path);
        var extension = Path.GetExtension(path);
        if (kind == OutputKind.Video)
        {
            if (!VideoCodecs.TryGetValue(extension, out var allowed))
                throw new ScriptComposerException(
                    $"'{Path.GetFileName(path)}' has the extension '{extension}', which is not a video container ScriptComposer writes. Use .mp4, .mkv, .mov or .webm, .gif, or a picture pattern such as 'frames/f_%04d.png' (.png or .jpg with one %d or %04d).");
            if (!allowed.Contains(codec))
                throw new ScriptComposerException(
                    $"The codec '{codec}' cannot go in a {extension} file. Use one of {string.Join(", ", allowed.Take(4))} for {extension}, or a container that takes {codec}{Containers(codec)}.");
        }
        if (alpha)
        {
            var carries = kind == OutputKind.ImageSequence ? codec == "png" : AlphaPixelFormats.ContainsKey(codec);
            if (!carries)
                throw new ScriptComposerException(
                    $"The codec '{codec}' cannot keep transparency. For alpha: true use a .mov with prores_ks (ProRes 4444), a .webm with libvpx-vp9, or a PNG sequence such as 'frames/f_%04d.png'.");
            if (kind == OutputKind.Gif)
                throw new ScriptComposerException("GIF keeps only on/off transparency; alpha: true is not supported for GIF. Use a .webm (libvpx-vp9) or a PNG sequence.");
        }
    }

    /// <exception cref="ScriptComposerException">The video output's name has no extension to tell its container by.</exception>
    public static void CheckExtension(string path)
    {
        if (string.IsNullOrEmpty(Path.GetExtension(path)))
            throw new ScriptComposerException($"The output '{path}' has no extension, so ffmpeg cannot tell the container. Add one, such as '.mp4'.");
    }

    public static void CheckAudio(string path, string codec)
    {
        var extension = Path.GetExtension(path);
        if (AudioCodecs.TryGetValue(extension, out var allowed) && !allowed.Contains(codec))
            throw new ScriptComposerException($"The audio codec '{codec}' cannot go in a {extension} file. Use {string.Join(" or ", allowed.Take(2))}.");
    }

    private static string Containers(string codec)
    {
        var fits = VideoCodecs.Where(kv => kv.Value.Contains(codec)).Select(kv => kv.Key).ToList();
        return fits.Count > 0 ? $" ({string.Join(", ", fits)})" : "";
    }

    [GeneratedRegex(@"%\d*d")]
    private static partial Regex SequencePattern();
}
