namespace ScriptComposer.Gpu;

/// <summary>
/// One opaque picture of <see cref="IComputeBackend.MixI420Layers"/>: an I420 frame of <paramref name="Width"/>×<paramref name="Height"/>
/// (exactly <see cref="Yuv420Layout.TotalBytes"/>) made with <paramref name="Matrix"/> and <paramref name="Range"/>, laid at
/// (<paramref name="X"/>, <paramref name="Y"/>), all four even so its chroma samples fall on the frame's. Its samples are first brought to
/// the frame's BT.709 limited range (nothing to do when they are already), then move toward <paramref name="FadeColor"/> by
/// <paramref name="FadeAmount"/> (clamped to [0, 1]; alpha of the color ignored, as <see cref="IComputeBackend.Fade"/> on an opaque picture),
/// then mix with what is below by <paramref name="Opacity"/> (clamped to [0, 1]).
/// </summary>
public readonly record struct Yuv420Layer(
    ReadOnlyMemory<byte> I420, int Width, int Height, int X, int Y, float Opacity = 1f, Rgba FadeColor = default, float FadeAmount = 0f,
    YuvMatrix Matrix = YuvMatrix.Bt709, YuvRange Range = YuvRange.Limited)
{
    /// <summary>
    /// For a picture layer (<see cref="Picture"/>): the RGBA image, premultiplied and allocated by the same backend, laid "over" the frame
    /// at any position. Per pixel, with s its color and alpha scaled by the opacity and αs = s.a/255: Y = round((16 + L(s)·219/255) +
    /// (1 − αs)·(Y − 16)), L the BT.709 luma weights; per 2×2 block, with the block's four s and αs averaged (pixels off the picture
    /// counting as 0): U = round((128 + Cb(s̄)·224/255) + (1 − ᾱs)·(U − 128)), V likewise — "over" in RGB, then the frame's conversion.
    /// </summary>
    public DeviceImage? Overlay { get; init; }

    /// <summary>A layer of RGBA pixels (text, a logo, a color card: anything that is not decoded video) over the frame; see <see cref="Overlay"/>.</summary>
    public static Yuv420Layer Picture(DeviceImage image, int x, int y, float opacity = 1f)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new Yuv420Layer(ReadOnlyMemory<byte>.Empty, image.Width, image.Height, x, y, opacity) { Overlay = image };
    }
}
