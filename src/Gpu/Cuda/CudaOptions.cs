namespace ScriptComposer.Gpu.Cuda;

/// <summary>How the CUDA backend is set up (the host reads them from its configuration once and passes them down).</summary>
public sealed record CudaOptions
{
    /// <summary>Where compiled kernels are kept: null for <see cref="KernelCompiler.DefaultCacheDirectory"/>, "" for nowhere.</summary>
    public string? KernelCacheDirectory { get; init; }

    /// <summary>
    /// Waits for every kernel and checks its result before the next call (<c>SC_CUDA_SYNC=1</c>): slower, but a fault (an illegal
    /// address, a launch failure) is reported against the kernel that caused it rather than at a later copy.
    /// </summary>
    public bool SynchronizeEachLaunch { get; init; }
}
