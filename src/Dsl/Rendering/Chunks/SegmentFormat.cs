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

    /// <summary>
    /// Whether <paramref name="output"/>'s segments, like the output, count time in milliseconds (Matroska). A chunk's frames
    /// are then stamped with their time in the whole output (<see cref="Spec"/>), and the join lands each chunk on its
    /// first frame's millisecond: a frame's time is rounded once, as one process rounds it, not as the sum of a rounded
    /// start and a rounded time within the chunk (a millisecond off now and then at 29.97 fps).
    /// </summary>
    public static bool CountsInMilliseconds(VideoOutput output) => Of(output).Muxer is "matroska" or "webm";

    /// <summary>
    /// What the segment of frames of <paramref name="output"/> at <paramref name="fps"/> starting <paramref name="framesIn"/>
    /// frames after the output's first is encoded with: no sound, the segment's container, and (in milliseconds) its frames
    /// stamped with their time in the whole output.
    /// </summary>
    public static EncodeSpec Spec(VideoOutput output, FrameRate fps, string segmentPath, long framesIn = 0)
    {
        var offset = framesIn > 0 && CountsInMilliseconds(output) ? fps.RoundedTimeOf(framesIn, 1_000_000) : 0;
        return new(segmentPath, output.Clip.Width, output.Clip.Height, fps, Encoder(output.Encoder), OutputKind.Video, output.Alpha, Muxer: Of(output).Muxer, Offset: offset);
    }
}
