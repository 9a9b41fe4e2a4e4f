namespace ScriptComposer.Gpu;

/// <summary>
/// One layer of a fused composite (<see cref="IComputeBackend.CompositeLayers"/>): exactly what the unfused path does with it,
/// <c>Fade(copy of Image, FadeColor, FadeAmount)</c> then <c>Composite(canvas, faded, new CompositeParams(X, Y, Opacity, Mask, Mode))</c>.
/// The fade moves the layer's premultiplied color toward <see cref="FadeColor"/> (rgb = rgb·(1 − f) + color·a·f, rounded, alpha kept;
/// f = FadeAmount clamped to [0, 1], 0 = no fade); the mask (the layer's size), opacity (clamped to [0, 1]) and blend mode are
/// <see cref="CompositeParams"/>'s.
/// </summary>
public readonly record struct LayerDraw(
    DeviceImage Image, int X, int Y, float Opacity = 1f, DeviceImage? Mask = null,
    BlendMode Mode = BlendMode.Normal, Rgba FadeColor = default, float FadeAmount = 0f);
