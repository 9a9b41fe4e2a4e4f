using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// What probing a video file told us. <see cref="Duration"/> is the first video stream's exact length in seconds (its
/// length in its time base over the base), never a rounded figure.
/// </summary>
public sealed record MediaInfo(string Path, int Width, int Height, double Duration, FrameRate FrameRate, string PixelFormat, bool HasAudio,
    int AudioChannels = 2, string? ColorSpace = null, string? ColorRange = null)
{
    /// <summary>
    /// When the video's first picture shows in the file's timeline, in seconds: frame N of the video is the picture at
    /// <c>VideoStart + N / fps</c>, as reading from the first picture counts it. Not 0 in an MPEG-TS (its clock starts at
    /// 1.4 s) or where the video starts after the sound; seeks count from it.
    /// </summary>
    public double VideoStart { get; init; }

    /// <summary>
    /// When each picture shows, in seconds from the first (<see cref="VideoStart"/>), for a video whose pictures are not on its frame
    /// rate's grid (a variable frame rate: see <see cref="VideoFrameTimes"/>); null when picture N shows at N / <see cref="FrameRate"/>.
    /// </summary>
    public IReadOnlyList<double>? FrameTimes { get; init; }

    /// <summary>
    /// The unit <see cref="FrameTimes"/> were stamped in, in seconds (a millisecond in FLV and Matroska): a picture stamped up to half
    /// of it after a time was meant for that time (2/30 s is stored as 67 ms), so it counts as showing then.
    /// </summary>
    public double FrameTimeTick { get; init; }

    /// <summary>
    /// The picture shown at <paramref name="seconds"/> from the first: the last one that starts at or before it. Past the last
    /// picture's start, the last picture until <see cref="Duration"/>, then the count of pictures (which the reader treats as the end).
    /// </summary>
    public long FrameAt(double seconds)
    {
        if (FrameTimes is not { } times)
            return FrameRate.FrameAt(seconds);
        if (seconds >= Duration - TimeEpsilon.Seconds)
            return Math.Max(times.Count, FrameRate.FrameAt(seconds) - FrameRate.FrameAt(Duration) + times.Count);
        // Half a unit covers rounding to it (a millisecond at most: a coarse unit such as a GIF's 1/100 s is not rounding).
        var slack = Math.Max(TimeEpsilon.Frames * FrameRate.Denominator / FrameRate.Numerator, Math.Min(FrameTimeTick, 0.001) / 2);
        int low = 0, high = times.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (times[middle] <= seconds + slack) low = middle;
            else high = middle - 1;
        }
        return low;
    }

    /// <summary>When picture <paramref name="index"/> shows, in seconds from the first (counted on at the frame rate past the last one).</summary>
    public double TimeOfFrame(long index) =>
        FrameTimes is not { } times ? FrameRate.TimeOf(index)
        : index < times.Count ? times[(int)Math.Max(0, index)]
        : times[^1] + FrameRate.TimeOf(index - times.Count + 1);

    /// <summary>
    /// How far the stored picture is turned clockwise to show upright (0, 90, 180 or 270; a phone's portrait video says 90).
    /// <see cref="Width"/> and <see cref="Height"/> are the upright picture's; ffmpeg turns the frames as it decodes them.
    /// </summary>
    public int Rotation { get; init; }

    /// <summary>
    /// The size of the frames as decoded and turned upright, before pixels that are not square are stretched to <see cref="Width"/>
    /// (0: the same as <see cref="Width"/> and <see cref="Height"/>).
    /// </summary>
    public int DecodedWidth { get; init; }

    /// <inheritdoc cref="DecodedWidth"/>
    public int DecodedHeight { get; init; }

    /// <summary>What ffmpeg decodes the frames to, turned upright, when not asked to scale them.</summary>
    public (int Width, int Height) DecodedSize => (DecodedWidth > 0 ? DecodedWidth : Width, DecodedHeight > 0 ? DecodedHeight : Height);

    /// <summary>ffprobe's name for the file's container ("mov,mp4,m4a,3gp,3g2,mj2", "mpegts"); null when not known.</summary>
    public string? Container { get; init; }

    /// <summary>
    /// Where the file's pictures really end, in seconds from its first picture, when that is before <see cref="Duration"/>
    /// (a truncated file whose header still claims the whole length); null when they reach <see cref="Duration"/>.
    /// </summary>
    public double? PictureEnd { get; init; }

    /// <summary>Where the sound of the file's first audio stream really ends, when that is before the stream's declared end; null otherwise.</summary>
    public double? SoundEnd { get; init; }

    /// <summary>
    /// The matrix the file's YUV was made with: as tagged, and BT.601 when untagged (what ffmpeg assumes, and so what files
    /// it made from RGB without tags hold). BT.2020's constant-luminance form is read with its usual one's matrix, and SMPTE 240M
    /// (early HD) with BT.709's, the nearest of the three.
    /// </summary>
    public YuvMatrix Matrix => ColorSpace switch
    {
        "bt709" or "smpte240m" => YuvMatrix.Bt709,
        "bt2020nc" or "bt2020c" or "bt2020_ncl" or "bt2020_cl" => YuvMatrix.Bt2020,
        _ => YuvMatrix.Bt601,
    };

    /// <summary>Full range when tagged "pc" or stored as JPEG-style yuvj*, limited otherwise.</summary>
    public YuvRange Range => ColorRange is "pc" || PixelFormat.StartsWith("yuvj", StringComparison.Ordinal) ? YuvRange.Full : YuvRange.Limited;

    /// <summary>The ffmpeg decoder to read the video with instead of ffmpeg's own choice (libvpx-vp9 for VP9 with alpha), or null.</summary>
    public string? Decoder { get; init; }

    /// <summary>Whether the decoded frames carry an alpha channel that must be premultiplied.</summary>
    public bool HasAlpha => PixelFormat.Contains('a', StringComparison.Ordinal) && PixelFormat is not ("gray" or "nv12" or "nv21");

    /// <summary>
    /// Whether the frames are read as I420 (1.5 bytes a pixel, converted by the backend), which loses nothing but bit depth
    /// for these: opaque, with chroma already at half width and half height (yuv420p, yuvj420p, nv12, yuv420p10le, p010le, ...)
    /// or with none (gray), or not said. Any other source (RGB, 4:4:4, 4:2:2, 4:1:1, with alpha) is read as straight RGBA:
    /// squeezed into I420 its colour would be averaged over pairs of pixels (1-pixel red and blue stripes came out purple).
    /// </summary>
    public bool ReadsAsI420 => !HasAlpha && (PixelFormat.Length == 0
        || PixelFormat.Contains("420", StringComparison.Ordinal)
        || PixelFormat is "nv12" or "nv21" or "gray" or "monow" or "monob"
        || PixelFormat.StartsWith("p01", StringComparison.Ordinal));
}
