using ScriptComposer.Gpu.Cuda;

namespace ScriptComposer.Gpu;

/// <summary>
/// NVRTC rejected a pixel effect's CUDA body. <see cref="Log"/> is NVRTC's whole log, whose lines name the file
/// <see cref="PixelEffectKernel.BodyFileName"/> with line numbers counted within the body; <see cref="Diagnostics"/> has them parsed,
/// so a caller can add the line at which the body starts in the user's script.
/// </summary>
public sealed class PixelEffectCompileException : PixelEffectException
{
    public PixelEffectCompileException(string effectName, PixelEffectKernel kernel, KernelCompileException error)
        : base(Describe(effectName, error.Log), error)
    {
        EffectName = effectName;
        Log = error.Log;
        Options = error.Options;
        GeneratedSource = kernel.Source.Text;
        BodyLineOffset = kernel.BodyLineOffset;
        Diagnostics = PixelEffectKernel.ParseLog(error.Log);
    }

    public string EffectName { get; }

    /// <summary>NVRTC's program log, unabridged.</summary>
    public string Log { get; }

    public IReadOnlyList<string> Options { get; }

    /// <summary>The whole generated kernel (the body sits at lines <see cref="BodyLineOffset"/> + 1 onward).</summary>
    public string GeneratedSource { get; }

    /// <summary>Lines of the generated source before the body's first line.</summary>
    public int BodyLineOffset { get; }

    /// <summary>The errors and warnings, with lines relative to the body.</summary>
    public IReadOnlyList<PixelEffectDiagnostic> Diagnostics { get; }

    private static string Describe(string effectName, string log) =>
        $"The CUDA code of pixel effect '{effectName}' does not compile (NVRTC; lines count from the first line of the cuda: string):{Environment.NewLine}{log.TrimEnd()}";
}
