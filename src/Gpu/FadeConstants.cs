namespace ScriptComposer.Gpu;

/// <summary>
/// A fade's per-call constants (<see cref="IComputeBackend.Fade"/>, and a faded layer of a fused composite): rgb = round(rgb·Keep +
/// (R, G, B)·a) with Keep = 1 − amount and (R, G, B) = color·amount/255, computed once on the host so every backend uses the same floats.
/// </summary>
internal readonly record struct FadeConstants(float Keep, float R, float G, float B)
{
    public static FadeConstants For(Rgba color, float amount) =>
        new(1f - amount, color.R * amount * (1f / 255f), color.G * amount * (1f / 255f), color.B * amount * (1f / 255f));
}
