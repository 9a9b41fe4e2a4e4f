using ScriptComposer.Gpu.Cuda;

namespace ScriptComposer.Gpu;

/// <summary>
/// A user's per-pixel function, in CUDA C for the GPU and/or in C# for the CPU (see <see cref="IComputeBackend.ApplyPixelEffect"/>).
/// The CUDA body is the inside of a function that sees <c>float4 px</c> (straight RGBA in [0, 1]), <c>int x, y</c>,
/// <c>float t</c> (seconds) and <c>int width, height</c>, and either changes <c>px</c> or returns a new <c>float4</c>, e.g.
/// <c>px.x = 1.0f - px.x;</c> or <c>return make_float4(px.z, px.y, px.x, px.w);</c>. NVRTC reports its errors at lines
/// of the body (file name <see cref="PixelEffectKernel.BodyFileName"/>).
/// </summary>
public sealed class PixelEffect
{
    private PixelEffectKernel? _kernel;

    /// <param name="cuda">The CUDA C body, or <see langword="null"/> for a CPU-only effect.</param>
    /// <param name="cpu">The C# function, or <see langword="null"/> for a GPU-only effect.</param>
    /// <param name="name">What to call the effect in messages.</param>
    public PixelEffect(string? cuda = null, PixelFunction? cpu = null, string name = "PixelEffect")
    {
        if (cuda is null && cpu is null)
            throw new ArgumentException("A pixel effect needs a CUDA body (cuda: \"...\"), a C# function (cpu: (px, x, y, t) => ...), or both.", nameof(cuda));
        if (cuda is not null && string.IsNullOrWhiteSpace(cuda))
            throw new ArgumentException("The CUDA body of a pixel effect is empty; write e.g. cuda: \"px.x = 1.0f - px.x;\".", nameof(cuda));
        Cuda = cuda;
        Cpu = cpu;
        Name = name;
    }

    public string? Cuda { get; }

    public PixelFunction? Cpu { get; }

    public string Name { get; }

    /// <summary>
    /// Where the effect was made, such as <c>scene.csx:12</c> (the script's <c>PixelEffect(...)</c> call), or null when unknown: tells
    /// apart effects that share a name in a table of timings (<see cref="Diagnostics.EffectLabels"/>).
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>The CUDA body wrapped into a kernel (computed once).</summary>
    /// <exception cref="InvalidOperationException">The effect has no CUDA body.</exception>
    public PixelEffectKernel Kernel =>
        _kernel ??= PixelEffectKernel.Wrap(Cuda ?? throw new InvalidOperationException($"The pixel effect '{Name}' has no CUDA body."));

    public override string ToString() => Name;
}
