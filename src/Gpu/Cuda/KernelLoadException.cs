namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// The CUDA driver refused a compiled kernel for every target tried. Names the kernel, each target with the driver's error (by name)
/// and what the driver's JIT said, and the fix.
/// </summary>
public sealed class KernelLoadException(string kernelName, IReadOnlyList<KernelLoadAttempt> attempts)
    : Exception(Describe(kernelName, attempts))
{
    public string KernelName { get; } = kernelName;

    /// <summary>Every target tried, in order, with the driver's answer.</summary>
    public IReadOnlyList<KernelLoadAttempt> Attempts { get; } = attempts;

    /// <summary>The last error's name, e.g. CUDA_ERROR_UNSUPPORTED_PTX_VERSION.</summary>
    public string ErrorName => Attempts.Count > 0 ? Attempts[^1].ErrorName : "";

    private static string Describe(string kernelName, IReadOnlyList<KernelLoadAttempt> attempts) =>
        $"The CUDA driver could not load kernel '{kernelName}': " +
        string.Join("; then ", attempts.Select(a => $"{a.Target} failed with {a.ErrorName} ({a.Description}){(a.JitLog.Length > 0 ? $", JIT log: {a.JitLog}" : "")}")) +
        ". Update the NVIDIA driver (a driver older than NVRTC refuses its PTX), or use --backend cpu.";
}
