namespace ScriptComposer.Gpu;

/// <summary>
/// Where pixels are computed. Every operation works on <see cref="DeviceImage"/>s allocated by the same backend,
/// in RGBA8 premultiplied alpha with float32 math; only <see cref="Upload"/>, <see cref="Download"/> and
/// <see cref="ConvertToYuv420"/> cross between host and device. Both backends produce the same pixels within ±1.
/// </summary>
public interface IComputeBackend : IDisposable
{
    /// <summary>"cpu" or "cuda".</summary>
    string Name { get; }

    /// <summary>What runs the kernels, for humans: a CPU model and core count, or a GPU name.</summary>
    string Device { get; }

    /// <summary>An image whose contents are undefined until written.</summary>
    DeviceImage Allocate(int width, int height);

    /// <summary>Copies RGBA8 premultiplied pixels (row-major, no padding) from the host into <paramref name="target"/>.</summary>
    void Upload(ReadOnlySpan<byte> rgba, DeviceImage target);

    /// <summary>Copies the pixels of <paramref name="source"/> to the host (row-major, no padding).</summary>
    void Download(DeviceImage source, Span<byte> rgba);

    /// <summary>Sets every pixel to <paramref name="color"/> (straight alpha, stored premultiplied).</summary>
    void Fill(DeviceImage target, Rgba color);

    /// <summary>Lays <paramref name="layer"/> over <paramref name="canvas"/> ("over", premultiplied), clipped to the canvas.</summary>
    void Composite(DeviceImage canvas, DeviceImage layer, in CompositeParams parameters);

    /// <summary>Moves every pixel's color toward <paramref name="color"/> by <paramref name="amount"/> (0: unchanged, 1: the color), keeping alpha.</summary>
    void Fade(DeviceImage target, Rgba color, float amount);

    /// <summary>Writes a two-color gradient over the whole image.</summary>
    void Gradient(DeviceImage target, in GradientParams parameters);

    /// <summary>Converts straight-alpha pixels in place to premultiplied alpha.</summary>
    void Premultiply(DeviceImage target);

    /// <summary>Converts premultiplied pixels in place to straight alpha.</summary>
    void Unpremultiply(DeviceImage target);

    /// <summary>Bilinear resampling of the whole of <paramref name="source"/> onto the whole of <paramref name="target"/>.</summary>
    void Resize(DeviceImage source, DeviceImage target);

    /// <summary>
    /// Converts to planar YUV 4:2:0 (I420, BT.709, limited range) and copies it to the host: Y is width×height,
    /// U and V are ⌈width/2⌉×⌈height/2⌉ each, chroma from the average of each 2×2 block. Color is taken as composited over black.
    /// </summary>
    void ConvertToYuv420(DeviceImage source, Span<byte> yuv);

    /// <summary>Waits until every queued operation has finished.</summary>
    void Synchronize();
}
