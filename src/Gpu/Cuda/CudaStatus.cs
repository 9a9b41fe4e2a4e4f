namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// Whether the CUDA backend can run here: driver, device and NVRTC all present and compatible. <see cref="Reason"/> is one
/// line: the device when available ("NVIDIA H100 80GB HBM3 (compute capability 9.0, …)"), otherwise why not
/// ("no CUDA driver: libcuda.so.1 could not be loaded").
/// </summary>
public sealed record CudaStatus(bool IsAvailable, string Reason, NvrtcStatus Nvrtc)
{
    public string? DriverLibrary { get; init; }

    /// <summary>cuDriverGetVersion, e.g. 12040 for CUDA 12.4.</summary>
    public int? DriverVersion { get; init; }

    public IReadOnlyList<CudaDeviceInfo> Devices { get; init; } = [];

    /// <summary>The device the backend uses (ordinal 0).</summary>
    public CudaDeviceInfo? Device => Devices.Count > 0 ? Devices[0] : null;

    public string DriverVersionText => DriverVersion is { } v ? $"{v / 1000}.{v % 1000 / 10}" : "none";
}
