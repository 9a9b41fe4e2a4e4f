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

    /// <summary>
    /// What to try, in order, when the driver refuses kernels built for <paramref name="chosen"/> (<see cref="TryChoose(int, int, IReadOnlyList{int}, bool, out KernelTarget, out string?)"/>'s
    /// pick for this device): PTX of the same architecture for a refused CUBIN; for refused PTX (a driver older than NVRTC refuses its PTX
    /// version), CUBIN of the newest architecture of the device's major that NVRTC supports, which needs no JIT; then PTX of the next
    /// older architecture NVRTC supports.
    /// </summary>
    public static IReadOnlyList<KernelTarget> Fallbacks(KernelTarget chosen, int major, int minor, IReadOnlyList<int> supported, bool canEmitCubin)
    {
        var device = major * 10 + minor;
        var fallbacks = new List<KernelTarget>();
        if (chosen.Cubin)
            fallbacks.Add(chosen with { Cubin = false });
        else if (canEmitCubin && supported.Where(a => a <= device && a / 10 == major).DefaultIfEmpty(0).Max() is var cubin and > 0)
            fallbacks.Add(new KernelTarget(cubin, true));
        if (supported.Where(a => a < chosen.Architecture).DefaultIfEmpty(0).Max() is var older and > 0)
            fallbacks.Add(new KernelTarget(older, false));
        return fallbacks;
    }
}
