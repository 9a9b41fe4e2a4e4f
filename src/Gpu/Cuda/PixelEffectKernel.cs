using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// A user's CUDA C pixel body wrapped into a whole kernel: a device function holding the body (after
/// <c>#line 1 "pixel-effect"</c>, so NVRTC numbers its lines from the body's first line) and an <c>extern "C"</c> entry point
/// that unpremultiplies, calls it, clamps (NaN → 0) and premultiplies (the same math as CpuKernels.PixelEffect).
/// Names carry a hash of the body, so every body is its own kernel in the compile cache and several can share one program.
/// </summary>
public sealed partial class PixelEffectKernel
{
    /// <summary>The file name NVRTC gives the body's lines in its messages.</summary>
    public const string BodyFileName = "pixel-effect";

    private PixelEffectKernel(KernelSource source, string entryPoint, int bodyLineOffset, string body)
    {
        Source = source;
        EntryPoint = entryPoint;
        BodyLineOffset = bodyLineOffset;
        Body = body;
    }

    public KernelSource Source { get; }

    /// <summary>The entry point: <c>sc_pixel_effect_&lt;hash&gt;(uchar4* target, int width, int height, float t)</c>.</summary>
    public string EntryPoint { get; }

    /// <summary>Lines of <see cref="Source"/> before the body's first line (the body's line n is line BodyLineOffset + n of the source).</summary>
    public int BodyLineOffset { get; }

    public string Body { get; }

    public static PixelEffectKernel Wrap(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16];
        var name = $"pixel_effect_{hash}";
        var entry = $"sc_{name}";
        var head = new StringBuilder();
        head.Append("// A user pixel effect, wrapped by PixelEffectKernel. Twin: CpuKernels.PixelEffect with the user's C# function.\n");
        head.Append("#include \"common.cuh\"\n\n");
        head.Append($"__device__ __forceinline__ float4 sc_user_{name}(float4 px, int x, int y, float t, int width, int height)\n");
        head.Append("{\n");
        head.Append("    (void)x; (void)y; (void)t; (void)width; (void)height;\n");
        head.Append($"#line 1 \"{BodyFileName}\"\n");
        var offset = CountLines(head.ToString());
        var text = new StringBuilder(head.ToString());
        text.Append(body);
        if (!body.EndsWith('\n'))
            text.Append('\n');
        var afterBody = CountLines(text.ToString()) + 1;
        text.Append($"#line {afterBody + 1} \"{name}.cu\"\n");
        text.Append($$"""
                return px;
            }

            extern "C" __global__ void {{entry}}(uchar4* target, int width, int height, float t)
            {
                const int x = sc_x();
                const int y = sc_y();
                if (x >= width || y >= height)
                    return;
                const int i = y * width + x;
                const uchar4 p = target[i];
                const float a = (float)p.w;
                const float4 in = p.w == 0 ? make_float4(0.0f, 0.0f, 0.0f, 0.0f) : make_float4(p.x / a, p.y / a, p.z / a, a * (1.0f / 255.0f));
                const float4 out = sc_user_{{name}}(in, x, y, t, width, height);
                const float alpha = sc_clamp01(out.w) * 255.0f;
                target[i] = make_uchar4(sc_to_u8(sc_clamp01(out.x) * alpha), sc_to_u8(sc_clamp01(out.y) * alpha), sc_to_u8(sc_clamp01(out.z) * alpha), sc_to_u8(alpha));
            }

            """);
        return new PixelEffectKernel(new KernelSource(name, $"{name}.cu", text.ToString()), entry, offset, body);
    }

    /// <summary>Compiles with NVRTC (no GPU needed), e.g. to check a script's effects before rendering.</summary>
    /// <exception cref="PixelEffectCompileException">NVRTC rejected the body.</exception>
    public CompiledKernel Compile(KernelCompiler compiler, KernelTarget target, string effectName = "PixelEffect")
    {
        try
        {
            return compiler.Compile(Source, target);
        }
        catch (KernelCompileException e)
        {
            throw new PixelEffectCompileException(effectName, this, e);
        }
    }

    /// <summary>
    /// The messages of an NVRTC log, e.g. <c>pixel-effect(3): error: identifier "q" is undefined</c>, with lines of the body;
    /// messages about the generated wrapper get line 0.
    /// </summary>
    public static IReadOnlyList<PixelEffectDiagnostic> ParseLog(string log) => ParseLog(log, BodyFileName);

    /// <summary>The messages of an NVRTC log, with lines of a body NVRTC calls <paramref name="bodyFileName"/> (any user body: pixel effects, transitions).</summary>
    internal static IReadOnlyList<PixelEffectDiagnostic> ParseLog(string log, string bodyFileName) =>
        LogLine().Matches(log)
            .Select(m => new PixelEffectDiagnostic(
                m.Groups["file"].Value == bodyFileName ? int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0,
                m.Groups["severity"].Value,
                m.Groups["message"].Value.Trim()))
            .ToArray();

    private static int CountLines(string text) => text.Count(c => c == '\n');

    [GeneratedRegex("""^(?<file>[^\s()]+)\((?<line>\d+)\): (?<severity>error|warning|catastrophic error)[^:]*: (?<message>.*)$""", RegexOptions.Multiline)]
    private static partial Regex LogLine();
}
