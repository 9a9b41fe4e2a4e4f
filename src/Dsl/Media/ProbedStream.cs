using System.Globalization;
using System.Text.Json;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// One stream of a file as ffprobe describes it (<see cref="FfprobeReport"/>). Times are exact: a count in the stream's
/// time base times the base, computed once in 128-bit integers and rounded once to a double.
/// </summary>
internal sealed record ProbedStream(
    int Index,
    string CodecType,
    int Width,
    int Height,
    string PixelFormat,
    string? AverageFrameRate,
    string? RealFrameRate,
    (long Numerator, long Denominator)? TimeBase,
    double? Duration,
    double Start,
    int SampleRate,
    int Channels,
    string? ChannelLayout,
    string? ColorSpace,
    string? ColorRange)
{
    /// <summary>
    /// How far the picture is to be turned clockwise to show upright (a phone held upright records a turned picture and says so):
    /// 0, 90, 180 or 270, from the display matrix's rotation (counterclockwise) or the older <c>rotate</c> tag (clockwise).
    /// </summary>
    public int Rotation { get; init; }

    /// <summary>
    /// Whether <see cref="Duration"/> is a Matroska DURATION tag's: ffmpeg writes there where the stream ends on the file's clock,
    /// which is its length only when it starts at 0 (an MKV video behind AAC's priming starts at 21 ms), so the packets' end is the length.
    /// </summary>
    public bool DurationFromTag { get; init; }

    /// <summary>
    /// Whether the stream is a file's cover picture (disposition attached_pic: an MP3's or M4A's album art), a single picture that
    /// ffprobe lists as a video stream but that is no video.
    /// </summary>
    public bool AttachedPicture { get; init; }

    /// <summary>The codec's name as ffmpeg knows it ("h264", "vp9"); empty when not said.</summary>
    public string CodecName { get; init; } = "";

    /// <summary>
    /// Whether a VP8 or VP9 stream carries transparency beside its pictures (the Matroska tag alpha_mode=1, which sc's own
    /// <c>alpha: true</c> WebM writes): ffprobe says yuv420p, and ffmpeg's own decoders drop the alpha, libvpx's keep it.
    /// </summary>
    public bool AlphaMode { get; init; }

    /// <summary>
    /// How many pictures the decoder holds back to put them in display order (ffprobe's has_b_frames: 1 for MPEG-1 and MPEG-2
    /// video, whose I and P pictures show a picture after they are decoded; 0 without reordering).
    /// </summary>
    public int ReorderDelay { get; init; }

    /// <summary>How wide a stored pixel shows against its height ("8:9" on an NTSC DVD); null for square pixels or when not said.</summary>
    public (long Numerator, long Denominator)? SampleAspect { get; init; }

    /// <summary>A count of <see cref="TimeBase"/> ticks in seconds, or null without a time base.</summary>
    public double? Seconds(long ticks) =>
        TimeBase is var (numerator, denominator) ? (double)((Int128)ticks * numerator) / denominator : null;

    /// <summary>Where the stream claims to end: its start plus its duration, in the file's timeline.</summary>
    public double? DeclaredEnd => Duration is { } duration ? Start + duration : null;

    /// <summary>
    /// The average frame rate, else the real base rate, as ffprobe gives them ("30000/1001"); null when neither is a
    /// usable rate (a still picture says 0/0 or 90000/1). An average above the base rate counts something other than pictures:
    /// every timestamp lies on the base rate's grid, so no more pictures than that show in a second. An AVI's average is its
    /// header's count of time base ticks over its length, and an H.264 stream with B-frames copied into an AVI ticks twice a
    /// picture (avg_frame_rate 50, r_frame_rate 25, 75 pictures in 3 s): there the base rate is the pictures' rate. libavformat
    /// rounds its guesses to standard rates within 1%, so only an average further above the base rate is set aside.
    /// </summary>
    public FrameRate? FrameRate =>
        RateOf(AverageFrameRate) is { } average && (RateOf(RealFrameRate) is not { } real || average.Value <= real.Value * 1.01)
            ? average
            : RateOf(RealFrameRate);

    private static FrameRate? RateOf(string? text)
    {
        if (Rational(text) is not var (numerator, denominator) || numerator <= 0 || denominator <= 0)
            return null;
        var value = (double)numerator / denominator;
        if (value is not (> 0 and < 1000))
            return null;
        return numerator <= int.MaxValue && denominator <= int.MaxValue
            ? new FrameRate((int)numerator, (int)denominator)
            : Dsl.FrameRate.FromDouble(value);
    }

    public static ProbedStream Parse(JsonElement s)
    {
        var timeBase = Rational(Text(s, "time_base")) is var (n, d) && n > 0 && d > 0 ? (n, d) : ((long, long)?)null;
        double? Ticks(string name) => timeBase is var (num, den) && Long(s, name) is { } ticks ? (double)((Int128)ticks * num) / den : null;
        var hasTags = s.TryGetProperty("tags", out var tags);
        var tagged = hasTags ? ClockSeconds(Text(tags, "DURATION")) : null;
        var duration = Ticks("duration_ts") ?? tagged ?? DecimalSeconds(Text(s, "duration"));
        var turned = hasTags ? DecimalSeconds(Text(tags, "rotate")) : null;
        if (s.TryGetProperty("side_data_list", out var sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (DecimalSeconds(Text(item, "rotation")) is { } counterclockwise)
                    turned = -counterclockwise;
            }
        }
        return new ProbedStream(
            (int)(Long(s, "index") ?? -1),
            Text(s, "codec_type") ?? "",
            (int)(Long(s, "width") ?? 0),
            (int)(Long(s, "height") ?? 0),
            Text(s, "pix_fmt") ?? "",
            Text(s, "avg_frame_rate"),
            Text(s, "r_frame_rate"),
            timeBase,
            duration is > 0 and < double.MaxValue ? duration : null,
            Ticks("start_pts") ?? DecimalSeconds(Text(s, "start_time")) ?? 0,
            (int)(Long(s, "sample_rate") ?? 0),
            (int)(Long(s, "channels") ?? 0),
            Text(s, "channel_layout"),
            Text(s, "color_space"),
            Text(s, "color_range"))
        {
            SampleAspect = Rational(Text(s, "sample_aspect_ratio")?.Replace(':', '/')) is var (sn, sd) && sn > 0 && sd > 0 && sn != sd ? (sn, sd) : null,
            DurationFromTag = Ticks("duration_ts") is null && tagged is not null,
            AttachedPicture = s.TryGetProperty("disposition", out var disposition) && Long(disposition, "attached_pic") is 1,
            CodecName = Text(s, "codec_name") ?? "",
            ReorderDelay = (int)Math.Clamp(Long(s, "has_b_frames") ?? 0, 0, 16),
            AlphaMode = hasTags && Text(tags, "alpha_mode") == "1",
            Rotation = turned is { } degrees && Math.Abs(degrees / 90 - Math.Round(degrees / 90)) < 1e-6 ? (((int)Math.Round(degrees / 90) % 4) + 4) % 4 * 90 : 0,
        };
    }

    /// <summary>A property as text, whether ffprobe wrote it as a string or a number; null when absent or "N/A".</summary>
    internal static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? v.ValueKind == JsonValueKind.String ? (v.GetString() is { } text && text != "N/A" ? text : null) : v.GetRawText()
            : null;

    private static long? Long(JsonElement e, string name) =>
        long.TryParse(Text(e, name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>"30000/1001" (or "1/15360") as its two parts.</summary>
    internal static (long Numerator, long Denominator)? Rational(string? text)
    {
        var slash = text?.IndexOf('/') ?? -1;
        return slash > 0
            && long.TryParse(text.AsSpan(0, slash), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var numerator)
            && long.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var denominator)
            ? (numerator, denominator) : null;
    }

    /// <summary>ffprobe's seconds ("8.314813"), read as the decimal it is and rounded once.</summary>
    internal static double? DecimalSeconds(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? (double)value : null;

    /// <summary>A Matroska DURATION tag ("00:00:10.007000000"), to the nanosecond.</summary>
    private static double? ClockSeconds(string? text)
    {
        var parts = text?.Split(':');
        if (parts is not { Length: 3 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !decimal.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
            return null;
        return (double)(hours * 3600m + minutes * 60m + seconds);
    }
}
