namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// A user's CUDA C transition body wrapped into a whole kernel, as <see cref="PixelEffectKernel"/> wraps a pixel body: a device
/// function holding the body (after <c>#line 1 "transition-effect"</c>) and an <c>extern "C"</c> entry point that unpremultiplies
/// both pictures, calls it, clamps (NaN → 0) and premultiplies (the math of CpuKernels.TransitionEffect). Names carry a hash of the body.
/// </summary>
public sealed class TransitionEffectKernel
{
    /// <summary>The file name NVRTC gives the body's lines in its messages.</summary>
    public const string BodyFileName = "transition-effect";

    private TransitionEffectKernel(KernelSource source, string entryPoint, string body)
    {
        Source = source;
        EntryPoint = entryPoint;
        Body = body;
    }

    public KernelSource Source { get; }

    /// <summary>The entry point: <c>sc_transition_effect_&lt;hash&gt;(const uchar4* from, const uchar4* to, uchar4* target, int width, int height, float p)</c>.</summary>
    public string EntryPoint { get; }

    public string Body { get; }

    public static TransitionEffectKernel Wrap(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var name = UserKernelText.Name("transition_effect", body);
        var entry = $"sc_{name}";
        var (text, _) = UserKernelText.Compose(
            $$"""
            // A user transition, wrapped by TransitionEffectKernel. Twin: CpuKernels.TransitionEffect with the user's C# function.
            #include "common.cuh"

            __device__ __forceinline__ float4 sc_user_{{name}}(float4 a, float4 b, int x, int y, float p, int width, int height)
            {
                (void)a; (void)b; (void)x; (void)y; (void)p; (void)width; (void)height;

            """,
            BodyFileName, body, $"{name}.cu",
            $$"""
                return b;
            }

            extern "C" __global__ void {{entry}}(const uchar4* from, const uchar4* to, uchar4* target, int width, int height, float p)
            {
                const int x = sc_x();
                const int y = sc_y();
                if (x >= width || y >= height)
                    return;
                const int i = y * width + x;
                target[i] = sc_premultiplied(sc_user_{{name}}(sc_straight(from[i]), sc_straight(to[i]), x, y, p, width, height));
            }

            """);
        return new TransitionEffectKernel(new KernelSource(name, $"{name}.cu", text), entry, body);
    }

    /// <summary>The messages of an NVRTC log at lines of the body (messages about the generated wrapper get line 0).</summary>
    public static IReadOnlyList<PixelEffectDiagnostic> ParseLog(string log) => PixelEffectKernel.ParseLog(log, BodyFileName);
}
