namespace ScriptComposer.Gpu.Cuda;

/// <summary>NVRTC rejected a kernel. Carries the kernel's name, the options it was compiled with and NVRTC's whole log.</summary>
public sealed class KernelCompileException(string kernelName, IReadOnlyList<string> options, string log)
    : Exception($"NVRTC could not compile kernel '{kernelName}' (options: {string.Join(' ', options)}):{Environment.NewLine}{log.TrimEnd()}")
{
    public string KernelName { get; } = kernelName;

    public IReadOnlyList<string> Options { get; } = options;

    /// <summary>NVRTC's program log, unabridged.</summary>
    public string Log { get; } = log;
}
