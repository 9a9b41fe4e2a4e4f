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
        var name = UserKernelText.Name("pixel_effect", body);
        var entry = $"sc_{name}";
        var (text, offset) = UserKernelText.Compose(
            $$"""
            // A user pixel effect, wrapped by PixelEffectKernel. Twin: CpuKernels.PixelEffect with the user's C# function.
            #include "common.cuh"

            __device__ __forceinline__ float4 sc_user_{{name}}(float4 px, int x, int y, float t, int width, int height)
            {
                (void)x; (void)y; (void)t; (void)width; (void)height;

            """,
            BodyFileName, body, $"{name}.cu",
            $$"""
                return px;
            }

            extern "C" __global__ void {{entry}}(uchar4* target, int width, int height, float t)
            {
                const int x = sc_x();
                const int y = sc_y();
                if (x >= width || y >= height)
                    return;
                const int i = y * width + x;
                target[i] = sc_premultiplied(sc_user_{{name}}(sc_straight(target[i]), x, y, t, width, height));
            }

            """);
        return new PixelEffectKernel(new KernelSource(name, $"{name}.cu", text), entry, offset, body);
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

    [GeneratedRegex("""^(?<file>[^\s()]+)\((?<line>\d+)\): (?<severity>error|warning|catastrophic error)[^:]*: (?<message>.*)$""", RegexOptions.Multiline)]
    private static partial Regex LogLine();
}
