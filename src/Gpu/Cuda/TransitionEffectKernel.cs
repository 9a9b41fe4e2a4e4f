using System.Security.Cryptography;
using System.Text;

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
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16];
        var name = $"transition_effect_{hash}";
        var entry = $"sc_{name}";
        var text = new StringBuilder();
        text.Append("// A user transition, wrapped by TransitionEffectKernel. Twin: CpuKernels.TransitionEffect with the user's C# function.\n");
        text.Append("#include \"common.cuh\"\n\n");
        text.Append($"__device__ __forceinline__ float4 sc_user_{name}(float4 a, float4 b, int x, int y, float p, int width, int height)\n");
        text.Append("{\n");
        text.Append("    (void)a; (void)b; (void)x; (void)y; (void)p; (void)width; (void)height;\n");
        text.Append($"#line 1 \"{BodyFileName}\"\n");
        text.Append(body);
        if (!body.EndsWith('\n'))
            text.Append('\n');
        var afterBody = text.ToString().Count(c => c == '\n') + 1;
        text.Append($"#line {afterBody + 1} \"{name}.cu\"\n");
        text.Append($$"""
                return b;
            }

            __device__ __forceinline__ float4 sc_straight_{{name}}(uchar4 q)
            {
                const float a = (float)q.w;
                return q.w == 0 ? make_float4(0.0f, 0.0f, 0.0f, 0.0f) : make_float4(q.x / a, q.y / a, q.z / a, a * (1.0f / 255.0f));
            }

            extern "C" __global__ void {{entry}}(const uchar4* from, const uchar4* to, uchar4* target, int width, int height, float p)
            {
                const int x = sc_x();
                const int y = sc_y();
                if (x >= width || y >= height)
                    return;
                const int i = y * width + x;
                const float4 out = sc_user_{{name}}(sc_straight_{{name}}(from[i]), sc_straight_{{name}}(to[i]), x, y, p, width, height);
                const float alpha = sc_clamp01(out.w) * 255.0f;
                target[i] = make_uchar4(sc_to_u8(sc_clamp01(out.x) * alpha), sc_to_u8(sc_clamp01(out.y) * alpha), sc_to_u8(sc_clamp01(out.z) * alpha), sc_to_u8(alpha));
            }

            """);
        return new TransitionEffectKernel(new KernelSource(name, $"{name}.cu", text.ToString()), entry, body);
    }

    /// <summary>The messages of an NVRTC log at lines of the body (messages about the generated wrapper get line 0).</summary>
    public static IReadOnlyList<PixelEffectDiagnostic> ParseLog(string log) => PixelEffectKernel.ParseLog(log, BodyFileName);
}
