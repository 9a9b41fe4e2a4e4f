namespace ScriptComposer.Gpu.Cuda;

/// <summary>Where a compiled kernel image came from.</summary>
public enum KernelCacheSource
{
    /// <summary>NVRTC compiled it just now.</summary>
    Compiled,
    /// <summary>Read from the on-disk cache.</summary>
    Disk,
    /// <summary>Already in this process's memory.</summary>
    Memory,
}

/// <summary>
/// A kernel compiled for one <see cref="KernelTarget"/>: a CUBIN or a NUL-terminated PTX image, ready for cuModuleLoadData.
/// </summary>
public sealed record CompiledKernel(KernelSource Source, KernelTarget Target, byte[] Image, string Log, KernelCacheSource CacheSource, TimeSpan Elapsed)
{
    /// <summary>The PTX text, when the image is PTX.</summary>
    public string? Ptx => Target.Cubin ? null : System.Text.Encoding.UTF8.GetString(Image).TrimEnd('\0');
}
