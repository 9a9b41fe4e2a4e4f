using System.Diagnostics.CodeAnalysis;

namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>
/// Answers "is CUDA usable here, and if not, why" without throwing: no driver, a driver too old, no device, no NVRTC,
/// a GPU older than NVRTC can target. The answers are computed once per process.
/// </summary>
public static unsafe class CudaLoader
{
    private static readonly Lazy<NvrtcStatus> NvrtcLazy = new(ProbeNvrtcCore);
    private static readonly Lazy<CudaStatus> CudaLazy = new(ProbeCore);

    /// <summary>
    /// Sets where NVRTC is looked for (<see cref="NvrtcLocation"/>); the host calls it once at start, before anything probes:
    /// NVRTC is loaded once per process, so a later call changes nothing.
    /// </summary>
    public static void Configure(NvrtcLocation location) => NativeLibraries.Location = location;

    /// <summary>NVRTC alone: enough to compile kernels (tests, <c>sc doctor</c>) on a machine without a GPU.</summary>
    public static NvrtcStatus ProbeNvrtc() => NvrtcLazy.Value;

    /// <summary>Driver, device and NVRTC together: whether <see cref="CudaBackend"/> can be created.</summary>
    public static CudaStatus Probe() => CudaLazy.Value;

    private static NvrtcStatus ProbeNvrtcCore()
    {
        try
        {
            var library = NativeLibraries.NvrtcLibrary;
            if (!library.Loaded)
                return new NvrtcStatus(false, $"no NVRTC: {library.Failure} (install CUDA's NVRTC, e.g. Debian's libnvrtc11.2, or set SC_NVRTC_PATH)", null, null, []);
            if (MissingExport(library, Nvrtc.RequiredExports) is { } missing)
                return new NvrtcStatus(false, $"NVRTC in {library.Name} is too old: it lacks {missing}", library.Name, null, []);

            int major, minor;
            Nvrtc.ThrowIfFailed(Nvrtc.nvrtcVersion(&major, &minor));
            var archs = SupportedArchitectures(library, major, minor);
            var status = new NvrtcStatus(true, $"NVRTC {major}.{minor} ({library.Name})", library.Name, new Version(major, minor), archs)
            {
                CanEmitCubin = NativeLibraries.HasExport(library, "nvrtcGetCUBIN"),
                LibraryFile = library.File,
                Builtins = library.Builtins,
                PassedOver = library.Passed,
            };
            // Loading is not compiling: a missing libnvrtc-builtins, say, only shows at the first compile. So compile one line now.
            if (CompileProbe(archs) is { } failure)
                return status with { IsAvailable = false, Reason = $"NVRTC {major}.{minor} ({library.Name}) loads but does not compile: {failure}" };
            return status;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or CudaException)
        {
            return new NvrtcStatus(false, $"NVRTC could not be used: {e.Message}", null, null, []);
        }
    }

    /// <summary>The kernel NVRTC is probed with: one line, no headers.</summary>
    internal static readonly KernelSource ProbeKernel = new("probe", "probe.cu", "extern \"C\" __global__ void sc_probe(int* p) { p[0] = 1; }\n");

    /// <summary>Null when NVRTC compiles <see cref="ProbeKernel"/> to PTX; else the error by name with NVRTC's log, in one line.</summary>
    private static string? CompileProbe(IReadOnlyList<int> archs)
    {
        var arch = archs.Count == 0 ? 52 : archs.Where(a => a >= 52).DefaultIfEmpty(archs[0]).Min();
        try
        {
            KernelCompiler.CompileWithNvrtc(ProbeKernel, [], [$"--gpu-architecture=compute_{arch}"], cubin: false);
            return null;
        }
        catch (KernelCompileException e)
        {
            return string.Join(' ', e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
    }

    private static IReadOnlyList<int> SupportedArchitectures(NativeLibraries.LoadResult library, int major, int minor)
    {
        if (NativeLibraries.HasExport(library, "nvrtcGetSupportedArchs"))
        {
            int count;
            Nvrtc.ThrowIfFailed(Nvrtc.nvrtcGetNumSupportedArchs(&count));
            var archs = new int[count];
            fixed (int* p = archs)
                Nvrtc.ThrowIfFailed(Nvrtc.nvrtcGetSupportedArchs(p));
            return archs.Order().ToArray();
        }
        // NVRTC 11.0/11.1 cannot list them; these are what those versions accept.
        return major == 11 && minor >= 1 ? [35, 37, 50, 52, 53, 60, 61, 62, 70, 72, 75, 80, 86] : [35, 37, 50, 52, 53, 60, 61, 62, 70, 72, 75, 80];
    }

    /// <summary>The driver and its devices first (no NVRTC is loaded on a machine without a GPU), then NVRTC.</summary>
    private static CudaStatus ProbeCore()
    {
        var notProbed = new NvrtcStatus(false, "not probed: there is no CUDA device to compile for", null, null, []);
        NativeLibraries.LoadResult driver;
        try
        {
            driver = NativeLibraries.Driver;
        }
        catch (Exception e)
        {
            return new CudaStatus(false, $"no CUDA driver: {e.Message}", notProbed);
        }
        if (!driver.Loaded)
            return new CudaStatus(false, $"no CUDA driver: {driver.Failure}; no NVIDIA driver is installed, or this container has no GPU access", notProbed);
        if (MissingExport(driver, CudaDriver.RequiredExports) is { } missing)
            return new CudaStatus(false, $"the CUDA driver in {driver.Name} is too old: it lacks {missing}", notProbed) { DriverLibrary = driver.Name };

        try
        {
            var init = CudaDriver.cuInit(0);
            if (init == (int)CudaResult.NoDevice)
                return new CudaStatus(false, "no CUDA device: the driver is installed but sees no GPU (cuInit: CUDA_ERROR_NO_DEVICE)", notProbed) { DriverLibrary = driver.Name };
            if (init != 0)
                return new CudaStatus(false, $"the CUDA driver did not start: cuInit failed with {CudaDriver.ErrorName(init)} ({CudaDriver.ErrorDescription(init)})", notProbed) { DriverLibrary = driver.Name };

            int version, count;
            CudaDriver.ThrowIfFailed(CudaDriver.cuDriverGetVersion(&version));
            CudaDriver.ThrowIfFailed(CudaDriver.cuDeviceGetCount(&count));
            var devices = new List<CudaDeviceInfo>();
            for (var i = 0; i < count; i++)
            {
                int device;
                nuint memory;
                CudaDriver.ThrowIfFailed(CudaDriver.cuDeviceGet(&device, i));
                CudaDriver.ThrowIfFailed(CudaDriver.cuDeviceTotalMem_v2(&memory, device));
                devices.Add(new CudaDeviceInfo(i, CudaDriver.DeviceName(device),
                    CudaDriver.Attribute(CudaDeviceAttribute.ComputeCapabilityMajor, device),
                    CudaDriver.Attribute(CudaDeviceAttribute.ComputeCapabilityMinor, device),
                    (long)memory, CudaDriver.Attribute(CudaDeviceAttribute.MultiprocessorCount, device)));
            }

            var status = new CudaStatus(false, "", notProbed) { DriverLibrary = driver.Name, DriverVersion = version, Devices = devices };
            var driverText = $"{version / 1000}.{version % 1000 / 10}";
            if (count == 0)
                return status with { Reason = "no CUDA device: the driver sees no GPU" };
            var nvrtc = ProbeNvrtc();
            status = status with { Nvrtc = nvrtc };
            if (!nvrtc.IsAvailable)
                return status with { Reason = nvrtc.Reason };
            if (version / 1000 < nvrtc.Version!.Major)
                return status with { Reason = $"the CUDA driver is too old: it supports CUDA {driverText}, NVRTC is {nvrtc.VersionText} (update the NVIDIA driver, or install an NVRTC of CUDA {version / 1000})" };
            if (!KernelTarget.TryChoose(devices[0], nvrtc, out _, out var why))
                return status with { Reason = why };
            return status with { IsAvailable = true, Reason = $"{devices[0]}, driver {driverText}, NVRTC {nvrtc.VersionText}" };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or CudaException)
        {
            return new CudaStatus(false, $"the CUDA driver could not be used: {e.Message}", notProbed) { DriverLibrary = driver.Name };
        }
    }

    private static string? MissingExport(NativeLibraries.LoadResult library, string[] names) =>
        names.FirstOrDefault(name => !NativeLibraries.HasExport(library, name));

    internal static bool TryGetDevice(out CudaStatus status, [NotNullWhen(true)] out CudaDeviceInfo? device)
    {
        status = Probe();
        device = status.IsAvailable ? status.Device : null;
        return device is not null;
    }
}
