using System.Text;
using ScriptComposer.Gpu.Cuda.Native;
using static ScriptComposer.Gpu.Cuda.Native.CudaDriver;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// The CUDA driver side of <see cref="CudaBackend"/>: owns the primary context, one stream, an event, the pinned staging
/// buffer and the loaded modules, and releases them all on <see cref="Dispose"/>. No finalizer: a finalizer must not call
/// the driver (it may run after the driver is gone, on a thread without the context).
/// </summary>
internal sealed unsafe class CudaRuntime : IKernelRuntime
{
    private const uint StreamNonBlocking = 1;

    /// <summary>CU_CTX_SCHED_BLOCKING_SYNC: a thread waiting for the GPU sleeps instead of spinning, leaving its core to the encoder.</summary>
    private const uint ScheduleBlockingSync = 4;
    private const uint EventDisableTiming = 2;

    private readonly Lock _gate = new();
    private readonly KernelLoader _loader;
    private readonly bool _synchronizeEachLaunch;
    private readonly Dictionary<string, nint> _modules = [];
    private readonly Dictionary<(string, string), nint> _functions = [];
    private readonly Dictionary<nint, string> _entryPoints = [];
    private readonly int _device;
    private nint _context;
    private nint _stream;
    private nint _stagingDone;
    private byte* _staging;
    private long _stagingBytes;
    private bool _disposed;

    /// <param name="synchronizeEachLaunch">Wait for each kernel and check its result (SC_CUDA_SYNC=1), so a fault names its kernel.</param>
    public CudaRuntime(CudaDeviceInfo device, KernelTarget target, IReadOnlyList<KernelTarget> fallbacks, KernelCompiler compiler, bool synchronizeEachLaunch)
    {
        _loader = new KernelLoader(compiler, target, fallbacks, CudaDriver.LoadModule);
        _synchronizeEachLaunch = synchronizeEachLaunch;
        DeviceName = device.ToString();
        try
        {
            int handle;
            ThrowIfFailed(cuDeviceGet(&handle, device.Ordinal));
            _device = handle;
            // Best effort: a primary context already active in this process (another library's) keeps the flags it has.
            _ = cuDevicePrimaryCtxSetFlags_v2(_device, ScheduleBlockingSync);
            nint context;
            ThrowIfFailed(cuDevicePrimaryCtxRetain(&context, _device));
            _context = context;
            ThrowIfFailed(cuCtxSetCurrent(_context));
            nint stream, evt;
            ThrowIfFailed(cuStreamCreate(&stream, StreamNonBlocking));
            _stream = stream;
            ThrowIfFailed(cuEventCreate(&evt, EventDisableTiming));
            _stagingDone = evt;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string DeviceName { get; }

    /// <summary>What kernels are compiled for: the target chosen for the device, or the fallback the driver accepted.</summary>
    public KernelTarget Target => _loader.Target;

    /// <summary>Why <see cref="Target"/> is not the one chosen for the device (null when it is).</summary>
    public string? TargetNote => _loader.Note;

    public ulong Allocate(long bytes)
    {
        MakeCurrent();
        ulong pointer;
        var result = cuMemAlloc_v2(&pointer, (nuint)bytes);
        if (result == (int)CudaResult.OutOfMemory)
            throw new OutOfMemoryException($"The GPU ({DeviceName}) ran out of memory allocating {bytes / (1024.0 * 1024):0.#} MiB. Render at a smaller size, or use --backend cpu.");
        ThrowIfFailed(result);
        return pointer;
    }

    public void Free(ulong pointer)
    {
        MakeCurrent();
        ThrowIfFailed(cuMemFree_v2(pointer));
    }

    public void CopyToDevice(ReadOnlySpan<byte> source, ulong destination)
    {
        lock (_gate)
        {
            MakeCurrent();
            var staging = Staging(source.Length); // waits until the previous upload has left the staging buffer
            source.CopyTo(new Span<byte>(staging, source.Length));
            ThrowIfFailed(cuMemcpyHtoDAsync_v2(destination, staging, (nuint)source.Length, _stream));
            ThrowIfFailed(cuEventRecord(_stagingDone, _stream));
        }
    }

    public void CopyToHost(ulong source, Span<byte> destination)
    {
        lock (_gate)
        {
            MakeCurrent();
            var staging = Staging(destination.Length);
            ThrowIfFailed(cuMemcpyDtoHAsync_v2(staging, source, (nuint)destination.Length, _stream));
            ThrowIfFailed(cuStreamSynchronize(_stream));
            new ReadOnlySpan<byte>(staging, destination.Length).CopyTo(destination);
        }
    }

    public void Prepare(IReadOnlyList<KernelSource> sources)
    {
        KernelSource[] missing;
        lock (_gate)
            missing = sources.Where(s => !_modules.ContainsKey(s.Name)).ToArray();
        _loader.Compile(missing); // NVRTC, several at once, outside the lock; the loads below find the images cached
        lock (_gate)
        {
            MakeCurrent();
            foreach (var source in missing)
                if (!_modules.ContainsKey(source.Name))
                    _modules[source.Name] = _loader.Load(source);
        }
    }

    public nint GetFunction(string kernel, string entryPoint) => GetFunction(kernel, entryPoint, static name => KernelSources.Get(name));

    public nint GetFunction(KernelSource source, string entryPoint) => GetFunction(source.Name, entryPoint, _ => source);

    private nint GetFunction(string kernel, string entryPoint, Func<string, KernelSource> source)
    {
        lock (_gate)
        {
            if (_functions.TryGetValue((kernel, entryPoint), out var cached))
                return cached;
            MakeCurrent();
            if (!_modules.TryGetValue(kernel, out var module))
            {
                module = _loader.Load(source(kernel));
                _modules[kernel] = module;
            }
            var name = Encoding.UTF8.GetBytes(entryPoint + "\0");
            nint function;
            fixed (byte* p = name)
                ThrowIfFailed(cuModuleGetFunction(&function, module, p));
            _functions[(kernel, entryPoint)] = function;
            _entryPoints[function] = entryPoint;
            return function;
        }
    }

    public void Launch(nint function, uint gridX, uint gridY, uint blockX, uint blockY, void** arguments, int argumentCount)
    {
        MakeCurrent();
        ThrowIfFailed(cuLaunchKernel(function, gridX, gridY, 1, blockX, blockY, 1, 0, _stream, arguments, null));
        if (!_synchronizeEachLaunch)
            return;
        var result = cuStreamSynchronize(_stream);
        if (result != 0)
        {
            string entry;
            lock (_gate)
                entry = _entryPoints.GetValueOrDefault(function, $"function 0x{function:x}");
            throw new CudaException($"kernel {entry} ({gridX}x{gridY} blocks of {blockX}x{blockY}; synchronized after its launch, SC_CUDA_SYNC=1)",
                result, ErrorName(result), ErrorDescription(result));
        }
    }

    public void Synchronize()
    {
        MakeCurrent();
        ThrowIfFailed(cuStreamSynchronize(_stream));
    }

    /// <summary>The pinned staging buffer, at least <paramref name="bytes"/> long, once no copy is using it.</summary>
    private byte* Staging(long bytes)
    {
        if (_stagingDone != 0)
            ThrowIfFailed(cuEventSynchronize(_stagingDone));
        if (bytes <= _stagingBytes)
            return _staging;
        if (_staging != null)
        {
            ThrowIfFailed(cuMemFreeHost(_staging));
            _staging = null;
            _stagingBytes = 0;
        }
        var size = Math.Max(bytes, 1L << 20);
        void* pointer;
        ThrowIfFailed(cuMemAllocHost_v2(&pointer, (nuint)size));
        _staging = (byte*)pointer;
        _stagingBytes = size;
        return _staging;
    }

    /// <summary>The context is per thread; the backend may be called from any thread.</summary>
    private void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfFailed(cuCtxSetCurrent(_context));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            if (_context == 0)
                return;
            // Best effort: a failure here must not hide the exception that may be unwinding, so results are ignored.
            _ = cuCtxSetCurrent(_context);
            if (_stream != 0)
                _ = cuStreamSynchronize(_stream);
            foreach (var module in _modules.Values)
                _ = cuModuleUnload(module);
            _modules.Clear();
            _functions.Clear();
            if (_staging != null)
                _ = cuMemFreeHost(_staging);
            _staging = null;
            if (_stagingDone != 0)
                _ = cuEventDestroy_v2(_stagingDone);
            if (_stream != 0)
                _ = cuStreamDestroy_v2(_stream);
            _ = cuDevicePrimaryCtxRelease_v2(_device);
            _context = 0;
        }
    }
}
