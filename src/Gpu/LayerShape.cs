namespace ScriptComposer.Gpu;

/// <summary>
/// What a fused kernel must know about one layer at compile time: whether it has a mask, its blend mode, whether it is faded.
/// Everything else (image, position, size, opacity, fade color and amount) is a kernel argument, so an animated plan of the
/// same shape reuses one compiled kernel.
/// </summary>
public readonly record struct LayerShape(bool HasMask, BlendMode Mode, bool HasFade)
{
    /// <summary>A short code, e.g. "0mf" (normal, masked, faded) or "3" (screen): the kernel cache key is built from these.</summary>
    public override string ToString() => $"{(int)Mode}{(HasMask ? "m" : "")}{(HasFade ? "f" : "")}";

    /// <summary>
    /// The shape the fused kernel gives <paramref name="layer"/> (number <paramref name="index"/>) on a <paramref name="width"/>×<paramref name="height"/>
    /// canvas, or null when the layer can change no pixel (invisible, or off the canvas) and is left out of the kernel.
    /// </summary>
    /// <exception cref="ArgumentException">The layer's mask has another size, or its blend mode is unknown.</exception>
    public static LayerShape? Of(in LayerDraw layer, int index, int width, int height)
    {
        var plan = CheckedLayer.Of(layer, index);
        var overlaps = layer.X < width && (long)layer.X + layer.Image.Width > 0 && layer.Y < height && (long)layer.Y + layer.Image.Height > 0;
        return plan.Visible && overlaps ? new LayerShape(layer.Mask is not null, layer.Mode, plan.HasFade) : null;
    }
}
