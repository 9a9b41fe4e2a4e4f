using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Scripting;

namespace ScriptComposer.Dsl.Rendering.Chunks;

/// <summary>
/// How a chunk of a video output is written so that ffmpeg's concat demuxer joins the chunks by stream copy into exactly
/// what one process would have written: each segment starts on a key frame with a closed GOP, in a container whose time
/// base is the frame rate's own (MP4 or MOV: every frame's time exact, so the joined timestamps are the one-process ones),
/// with the output's encoder settings.
/// </summary>
public static class SegmentFormat
{
    /// <summary>The containers whose chunks are joined by stream copy into what one process writes, frame for frame and tick for tick.</summary>
    private static readonly HashSet<string> JoinedContainers = new([".mp4", ".mov", ".mkv", ".webm", ".ts"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="output"/> can be cut into chunks: a video file (not a GIF, whose palette is the whole video's,
    /// nor a picture sequence) in a container the join is proven for, and not raw video, which the segments' MOV would
    /// re-tag (.avi, .nut and .y4m outputs are rendered whole, by the join).
    /// </summary>
    public static bool CanChunk(ScriptOutput output) =>
        output is VideoOutput { Kind: OutputKind.Video } video && JoinedContainers.Contains(Path.GetExtension(video.Path))
        && video.Encoder.Codec is not ("rawvideo" or "wrapped_avframe");

    /// <summary>The muxer and extension of <paramref name="output"/>'s segments.</summary>
    public static (string Muxer, string Extension) Of(VideoOutput output)
    {
        var extension = Path.GetExtension(output.Path).ToLowerInvariant();
        var codec = output.Encoder.Codec;
        return extension switch
        {
            ".mp4" => ("mp4", ".mp4"),
            ".mov" => ("mov", ".mov"),
            // VP8, and VP9's alpha (Matroska block additions), only Matroska carries: segments in milliseconds, like the output.
            _ when codec == "libvpx" || (codec == "libvpx-vp9" && output.Alpha) => (OutputFormats.Muxer(output.Path), extension),
            _ when codec is "libvpx-vp9" or "libaom-av1" or "libsvtav1" => ("mp4", ".mp4"),
            _ => ("mov", ".mov"),
        };
    }

    /// <summary>The output's encoder settings, with a closed GOP where the encoder would otherwise open one (x265 does by default).</summary>
    public static EncoderSettings Encoder(EncoderSettings settings) =>
        settings.Codec is "libx264" or "libx265"
            ? settings with { ExtraArguments = ["-flags", "+cgop", .. settings.ExtraArguments ?? []] }
            : settings;

    /// <summary>What the segment of frames of <paramref name="output"/> at <paramref name="fps"/> is encoded with: no sound, the segment's container.</summary>
    public static EncodeSpec Spec(VideoOutput output, FrameRate fps, string segmentPath) =>
        new(segmentPath, output.Clip.Width, output.Clip.Height, fps, Encoder(output.Encoder), OutputKind.Video, output.Alpha, Muxer: Of(output).Muxer);
}
