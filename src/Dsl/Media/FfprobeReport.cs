using System.Text.Json;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// What one ffprobe run says about a file's streams, read from its JSON. ffprobe gets its arguments as a list and the
/// file as a full path (never taken for an option or a protocol), and is asked only for the fields sc reads, so a file's
/// name and free-form metadata never pass through the parser.
/// </summary>
internal sealed record FfprobeReport(IReadOnlyList<ProbedStream> Streams, double? FormatDuration, string? FormatName = null)
{
    /// <summary>
    /// The exact ffprobe arguments for <paramref name="fullPath"/>; pinned by tests. With <paramref name="sideData"/>, also the
    /// rotation of the stream's display matrix, which an ffprobe older than 5 cannot be asked for by that name (it has the
    /// <c>rotate</c> tag instead): the probe asks again without it when ffprobe refuses.
    /// </summary>
    public static IReadOnlyList<string> Arguments(string fullPath, bool sideData = true) =>
    [
        "-v", "error", "-print_format", "json",
        "-show_entries",
        "stream=index,codec_type,codec_name,width,height,sample_aspect_ratio,pix_fmt,has_b_frames,avg_frame_rate,r_frame_rate,time_base,start_pts,start_time,duration_ts,duration," +
        "sample_rate,channels,channel_layout,color_space,color_range:stream_disposition=attached_pic:stream_tags=DURATION,rotate,alpha_mode" + (sideData ? ":stream_side_data=rotation" : "") +
        ":format=duration,format_name",
        FileArgument(fullPath),
    ];

    /// <summary>
    /// A file as ffmpeg and ffprobe must be given it: its full path, which starts with '/' and so is read neither as an
    /// option (a name starting with '-') nor as a protocol or device (a name like "concat:a|b" or "pipe:0").
    /// </summary>
    public static string FileArgument(string path) => Path.GetFullPath(path);

    /// <exception cref="FormatException">The text is not ffprobe's JSON.</exception>
    public static FfprobeReport Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var streams = root.TryGetProperty("streams", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(ProbedStream.Parse).ToList()
                : [];
            var hasFormat = root.TryGetProperty("format", out var f);
            var format = hasFormat ? ProbedStream.DecimalSeconds(ProbedStream.Text(f, "duration")) : null;
            return new FfprobeReport(streams, format is > 0 ? format : null, hasFormat ? ProbedStream.Text(f, "format_name") : null);
        }
        catch (JsonException e)
        {
            throw new FormatException($"ffprobe's answer is not the JSON it should be ({e.Message}).", e);
        }
    }

    public ProbedStream? FirstOf(string codecType) => Streams.FirstOrDefault(s => s.CodecType == codecType && !s.AttachedPicture);

    /// <summary>Whether the file holds a cover picture (<see cref="ProbedStream.AttachedPicture"/>).</summary>
    public bool HasAttachedPicture => Streams.Any(s => s.AttachedPicture);
}
