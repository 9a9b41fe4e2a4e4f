using System.Collections.Concurrent;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// The GPU backend: images in device memory from a pool (no allocation per frame once warm), kernels from
/// <c>Kernels/*.cu</c> and generated ones compiled by NVRTC, launched on one stream with arguments passed through a stack-allocated
/// pointer array (nothing boxed per launch). Host copies go through a pinned staging buffer. By concern: memory and copies
/// (<c>CudaBackend.Memory.cs</c>), compositing (<c>.Compositing.cs</c>), YUV in and out (<c>.Yuv.cs</c>), effects (<c>.Effects.cs</c>).
/// </summary>
public sealed unsafe partial class CudaBackend : IComputeBackend
{
    /// <summary>Threads per block across and down: 32 across, so a warp reads one full 128-byte row of RGBA pixels.</summary>
    private const uint BlockX = 32, BlockY = 8;

    private readonly IKernelRuntime _runtime;
    private readonly Lock _gate = new();

    /// <summary>Every function launched so far, by entry point (unique across the kernel files and the generated kernels).</summary>
    private readonly ConcurrentDictionary<string, nint> _functions = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>Opens the first GPU. Kernels compile and load at first use, or ahead with <see cref="Warm"/> and <see cref="Prepare"/>.</summary>
    /// <exception cref="BackendUnavailableException">No usable GPU, driver or NVRTC; the message says which.</exception>
    public CudaBackend(CudaOptions? options = null)
    {
        options ??= new CudaOptions();
        var status = CudaLoader.Probe();
        if (!status.IsAvailable || status.Device is not { } device)
            throw new BackendUnavailableException($"The CUDA backend is not available: {status.Reason}. Run 'sc doctor' for details, or use --backend cpu.");
        var nvrtc = status.Nvrtc;
        if (!KernelTarget.TryChoose(device, nvrtc, out var target, out var reason))
            throw new BackendUnavailableException($"The CUDA backend is not available: {reason}.");
        var fallbacks = KernelTarget.Fallbacks(target, device.ComputeMajor, device.ComputeMinor, nvrtc.SupportedArchitectures, nvrtc.CanEmitCubin);
        _runtime = new CudaRuntime(device, target, fallbacks, new KernelCompiler(options.KernelCacheDirectory), options.SynchronizeEachLaunch);
        Status = status;
    }

    /// <summary>A backend over another runtime (the tests' CPU-compiled kernels, or a fake driver).</summary>
    internal CudaBackend(IKernelRuntime runtime)
    {
        _runtime = runtime;
    }

    public string Name => "cuda";

    public string Device => _runtime.DeviceName;

    /// <summary>What the loader found, when this backend runs on the CUDA driver.</summary>
    public CudaStatus? Status { get; }

    /// <summary>What kernels are compiled for, and why it is not the device's first choice when the driver refused that.</summary>
    public string? TargetDescription => _runtime is CudaRuntime cuda ? cuda.Target + (cuda.TargetNote is { } note ? $" ({note})" : "") : null;

    /// <summary>
    /// Compiles (several at once) and loads every built-in kernel now rather than at first use, so the first frame is not slower and
    /// a driver that refuses them is found before rendering starts.
    /// </summary>
    /// <exception cref="KernelCompileException">A kernel did not compile.</exception>
    /// <exception cref="KernelLoadException">The driver refused a compiled kernel for every target (with its JIT log).</exception>
    /// <exception cref="CudaException">Another driver failure.</exception>
    public void Warm()
    {
        _runtime.Prepare(KernelSources.All);
        foreach (var kernel in KernelSources.All)
            foreach (var entry in kernel.EntryPoints)
                Function(entry);
    }

    public void Synchronize() => _runtime.Synchronize();

    /// <summary>A built-in kernel's function, by entry point: loaded once, then found in the cache.</summary>
    private nint Function(string entryPoint) =>
        _functions.TryGetValue(entryPoint, out var function)
            ? function
            : _functions.GetOrAdd(entryPoint, static (entry, runtime) => runtime.GetFunction(KernelSources.OfEntryPoint(entry).Name, entry), _runtime);

    /// <summary>A generated kernel's function (a fused composite, a pixel effect): the same cache, by its entry point.</summary>
    private nint Function(KernelSource source, string entryPoint) =>
        _functions.TryGetValue(entryPoint, out var function)
            ? function
            : _functions.GetOrAdd(entryPoint, static (entry, state) => state.Runtime.GetFunction(state.Source, entry), (Runtime: _runtime, Source: source));

    /// <summary>A 2D launch of one thread per (x, y) of width×height, in <see cref="BlockX"/>×<see cref="BlockY"/> blocks; nothing when either is 0.</summary>
    private void Launch(nint function, int width, int height, void** args, int count)
    {
        if (width <= 0 || height <= 0)
            return;
        _runtime.Launch(function, (uint)((width + BlockX - 1) / BlockX), (uint)((height + BlockY - 1) / BlockY), BlockX, BlockY, args, count);
    }

    /// <summary>The image as this backend's own, or throws when another backend allocated it.</summary>
    private CudaImage Mine(DeviceImage image) =>
        image is CudaImage cuda && ReferenceEquals(cuda.Owner, this)
            ? cuda
            : throw new ArgumentException("This image was allocated by another backend.", nameof(image));

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            try
            {
                _runtime.Synchronize();
                FreeAll();
            }
            catch (CudaException)
            {
                // The context is unusable (e.g. after a kernel fault); destroying it below frees the memory anyway.
            }
            finally
            {
                ForgetAll();
                _functions.Clear();
                _runtime.Dispose();
            }
        }
    }
}
