using System.Diagnostics.CodeAnalysis;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// What NVRTC compiles for: an architecture (e.g. 86) and whether to emit CUBIN (<c>sm_86</c>, loads without a JIT)
/// or PTX (<c>compute_86</c>, JIT-compiled by the driver). The device's compute capability is capped at the newest
/// architecture NVRTC supports; CUBIN when NVRTC can emit it and the capped architecture has the device's major version
/// (a CUBIN runs on later minor versions of its major only), else PTX, which the driver can compile for newer GPUs.
/// </summary>
public readonly record struct KernelTarget(int Architecture, bool Cubin)
{
    /// <summary>The option NVRTC takes, e.g. <c>--gpu-architecture=sm_86</c>.</summary>
    public string ArchitectureOption => $"--gpu-architecture={(Cubin ? "sm" : "compute")}_{Architecture}";

    public override string ToString() => $"{(Cubin ? "sm" : "compute")}_{Architecture} ({(Cubin ? "CUBIN" : "PTX")})";

    public static bool TryChoose(CudaDeviceInfo device, NvrtcStatus nvrtc, out KernelTarget target, [NotNullWhen(false)] out string? reason) =>
        TryChoose(device.ComputeMajor, device.ComputeMinor, nvrtc.SupportedArchitectures, nvrtc.CanEmitCubin, out target, out reason);

    public static bool TryChoose(int major, int minor, IReadOnlyList<int> supported, bool canEmitCubin, out KernelTarget target,
        [NotNullWhen(false)] out string? reason)
    {
        var device = major * 10 + minor;
        var best = supported.Where(a => a <= device).DefaultIfEmpty(0).Max();
        if (best == 0)
        {
            target = default;
            reason = supported.Count == 0
                ? "NVRTC reports no supported GPU architectures"
                : $"the GPU's compute capability {major}.{minor} is older than this NVRTC supports (oldest: {supported.Min() / 10}.{supported.Min() % 10})";
            return false;
        }
        target = new KernelTarget(best, canEmitCubin && best / 10 == major);
        reason = null;
        return true;
    }
}
