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
}
