namespace ScriptComposer.Gpu.Cuda;

/// <summary>What the driver says about one GPU.</summary>
public sealed record CudaDeviceInfo(int Ordinal, string Name, int ComputeMajor, int ComputeMinor, long TotalMemoryBytes, int Multiprocessors)
{
    /// <summary>Compute capability as NVRTC numbers architectures, e.g. 86 for 8.6.</summary>
    public int Architecture => ComputeMajor * 10 + ComputeMinor;

    public override string ToString() =>
        $"{Name} (compute capability {ComputeMajor}.{ComputeMinor}, {TotalMemoryBytes / (1024.0 * 1024 * 1024):0.#} GiB, {Multiprocessors} SMs)";
}
