using System.Runtime.CompilerServices;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;

namespace ScriptComposer.Dsl;

public static partial class Clips
{
    private static readonly Lazy<KernelCompiler?> EffectCompiler = new(() =>
    {
        var compiler = new KernelCompiler();
        return compiler.NvrtcStatus.IsAvailable ? compiler : null;
    });

    /// <summary>
    /// A per-pixel function for <c>clip.Apply(...)</c>. <paramref name="cuda"/> is a CUDA C body that sees
    /// <c>float4 px</c> (straight RGBA, 0 to 1), <c>int x, y, width, height</c> and <c>float t</c> and changes <c>px</c>;
    /// <paramref name="cpu"/> is the same function in C#, <c>(px, x, y, t) => ...</c>, for the CPU backend. When NVRTC
    /// is installed the CUDA body is compiled here, so a mistake in it is reported at this line of the script.
    /// </summary>
    public static PixelEffect PixelEffect(string? cuda = null, PixelFunction? cpu = null, string name = "PixelEffect",
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerArgumentExpression(nameof(cuda))] string? cudaExpression = null)
    {
        NullArgument.ThrowIfNull(name, "a name for error messages, such as \"Invert\"");
        if (string.IsNullOrWhiteSpace(cuda) && cpu is null)
            throw new ArgumentException("PixelEffect needs a CUDA body (cuda: \"px.x = 1 - px.x;\"), a C# function (cpu: (px, x, y, t) => ...), or both.", nameof(cuda));
        var effect = new PixelEffect(cuda, cpu, name) { Origin = file.Length > 0 && line > 0 ? $"{Path.GetFileName(file)}:{line}" : null };
        if (effect.Cuda is not null && EffectCompiler.Value is { } compiler)
        {
            try
            {
                // PTX for a widely supported architecture: enough to surface every compile error.
                effect.Kernel.Compile(compiler, new KernelTarget(75, Cubin: false), name);
            }
            catch (PixelEffectCompileException e)
            {
                throw CudaBodyLines.CompileError(file, line, cudaExpression, name, e.Diagnostics, e);
            }
        }
        return effect;
    }
}
