namespace ScriptComposer.Gpu;

/// <summary>
/// One opaque picture of <see cref="IComputeBackend.CompositeYuv420Layers"/>: an I420 frame of <paramref name="Width"/>×<paramref name="Height"/>
/// (exactly <see cref="Yuv420Layout.TotalBytes"/>) made with <paramref name="Matrix"/> and <paramref name="Range"/>, laid at
/// (<paramref name="X"/>, <paramref name="Y"/>), all four even so its chroma samples fall on the frame's. Its samples are first brought to
/// the frame's BT.709 limited range (nothing to do when they are already), then move toward <paramref name="FadeColor"/> by
/// <paramref name="FadeAmount"/> (clamped to [0, 1]; alpha of the color ignored, as <see cref="IComputeBackend.Fade"/> on an opaque picture),
/// then mix with what is below by <paramref name="Opacity"/> (clamped to [0, 1]).
/// </summary>
public readonly record struct Yuv420Layer(
    ReadOnlyMemory<byte> I420, int Width, int Height, int X, int Y, float Opacity = 1f, Rgba FadeColor = default, float FadeAmount = 0f,
    YuvMatrix Matrix = YuvMatrix.Bt709, YuvRange Range = YuvRange.Limited);
