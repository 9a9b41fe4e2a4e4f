namespace ScriptComposer.Dsl.Media;

/// <summary>
/// How a video output is encoded. Null means ffmpeg's default for the codec. <see cref="ExtraArguments"/> go
/// just before the output file name, for anything else ffmpeg understands. <see cref="Muxer"/> is the ffmpeg muxer a
/// one-frame trial found for a container outside <see cref="OutputFormats"/>' table (null: the table's).
/// </summary>
public sealed record EncoderSettings(
    string Codec = "libx264",
    string? Preset = "medium",
    int? Crf = null,
    string? Bitrate = null,
    int? Threads = null,
    string PixelFormat = "yuv420p",
    IReadOnlyList<string>? ExtraArguments = null,
    string? Muxer = null)
{
    /// <summary>Encoders that take ffmpeg's -preset option.</summary>
    public static bool TakesPreset(string codec) => codec is "libx264" or "libx265" or "h264_nvenc" or "hevc_nvenc" or "libsvtav1";

    /// <summary>Encoders that are worth naming when the one asked for is missing.</summary>
    public static IReadOnlyList<string> Alternatives { get; } = ["libx264", "libopenh264", "libx265", "libvpx-vp9", "mpeg4"];
}
