namespace ScriptComposer.Gpu;

/// <summary>
/// How one layer is laid over a canvas: its integer top-left position (may be partly or wholly off the canvas),
/// its opacity, an optional mask of the layer's size whose luminance (0.299 R + 0.587 G + 0.114 B) scales it,
/// and the blend mode (see <see cref="BlendMode"/> and <see cref="IComputeBackend.Composite"/> for the exact math).
/// </summary>
public readonly record struct CompositeParams(int X, int Y, float Opacity = 1f, DeviceImage? Mask = null, BlendMode Mode = BlendMode.Normal);
