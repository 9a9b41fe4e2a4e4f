using ScriptComposer.Gpu.Cuda;

namespace ScriptComposer.Gpu;

/// <summary>
/// A user's transition, in CUDA C for the GPU and/or in C# for the CPU (see <see cref="IComputeBackend.ApplyTransitionEffect"/>):
/// a pixel effect over two pictures. The CUDA body is the inside of a function that sees <c>float4 a</c> (the going picture's
/// straight RGBA in [0, 1]), <c>float4 b</c> (the coming one's), <c>float p</c> (progress, 0 to 1), <c>int x, y, width, height</c>, and
/// returns a <c>float4</c>, e.g. <c>return x &lt; p * width ? b : a;</c>. NVRTC reports its errors at lines of the body
/// (file name <see cref="TransitionEffectKernel.BodyFileName"/>).
/// </summary>
public sealed class TransitionEffect
{
    private TransitionEffectKernel? _kernel;

    /// <param name="cuda">The CUDA C body, or <see langword="null"/> for a CPU-only transition.</param>
    /// <param name="cpu">The C# function, or <see langword="null"/> for a GPU-only transition.</param>
    /// <param name="name">What to call the transition in messages.</param>
    public TransitionEffect(string? cuda = null, TransitionFunction? cpu = null, string name = "TransitionEffect")
    {
        if (cuda is null && cpu is null)
            throw new ArgumentException("A transition effect needs a CUDA body (cuda: \"return x < p * width ? b : a;\"), a C# function (cpu: (a, b, x, y, p) => ...), or both.", nameof(cuda));
        if (cuda is not null && string.IsNullOrWhiteSpace(cuda))
            throw new ArgumentException("The CUDA body of a transition effect is empty; write e.g. cuda: \"return x < p * width ? b : a;\".", nameof(cuda));
        Cuda = cuda;
        Cpu = cpu;
        Name = name;
    }

    public string? Cuda { get; }

    public TransitionFunction? Cpu { get; }

    public string Name { get; }

    /// <summary>The CUDA body wrapped into a kernel (computed once).</summary>
    /// <exception cref="InvalidOperationException">The transition has no CUDA body.</exception>
    public TransitionEffectKernel Kernel =>
        _kernel ??= TransitionEffectKernel.Wrap(Cuda ?? throw new InvalidOperationException($"The transition effect '{Name}' has no CUDA body."));

    public override string ToString() => Name;
}
