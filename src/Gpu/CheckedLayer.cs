namespace ScriptComposer.Gpu;

/// <summary>
/// A <see cref="LayerDraw"/> checked and normalised the same way by every backend: opacity and fade amount clamped to [0, 1] as
/// <see cref="IComputeBackend.Composite"/> and <see cref="IComputeBackend.Fade"/> clamp them, a layer whose opacity is 0 (or NaN)
/// invisible, a fade of 0 (or NaN) none.
/// </summary>
internal readonly record struct CheckedLayer(float Opacity, bool Visible, float FadeAmount, bool HasFade)
{
    /// <exception cref="ArgumentException">The mask's size differs from the layer's, or the blend mode is unknown.</exception>
    public static CheckedLayer Of(in LayerDraw layer, int index)
    {
        ArgumentNullException.ThrowIfNull(layer.Image, $"layers[{index}].Image");
        if (layer.Mask is { } mask && (mask.Width != layer.Image.Width || mask.Height != layer.Image.Height))
            throw new ArgumentException($"Layer {index}'s mask is {mask.Width}x{mask.Height} but the layer is {layer.Image.Width}x{layer.Image.Height}; a mask must have its layer's size.", "layers");
        if (!Enum.IsDefined(layer.Mode))
            throw new ArgumentException($"Layer {index} has no blend mode {(int)layer.Mode}.", "layers");
        var opacity = Math.Clamp(layer.Opacity, 0f, 1f);
        var fade = Math.Clamp(layer.FadeAmount, 0f, 1f);
        return new CheckedLayer(opacity, opacity > 0f, fade, fade > 0f);
    }
}
