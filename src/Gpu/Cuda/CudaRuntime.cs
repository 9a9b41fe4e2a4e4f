using System.Text;
using ScriptComposer.Gpu.Cuda.Native;
using static ScriptComposer.Gpu.Cuda.Native.CudaDriver;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// The CUDA driver side of <see cref="CudaBackend"/>: owns the primary context, one stream, the pinned staging slots, the events
/// and the loaded modules, and releases them all on <see cref="Dispose"/>. No finalizer: a finalizer must not call
/// the driver (it may run after the driver is gone, on a thread without the context).
/// </summary>
internal sealed unsafe class CudaRuntime : IKernelRuntime
{
    private const uint StreamNonBlocking = 1;

    /// <summary>CU_CTX_SCHED_BLOCKING_SYNC: a thread waiting for the GPU sleeps instead of spinning, leaving its core to the encoder.</summary>
    private const uint ScheduleBlockingSync = 4;
    private const uint EventDisableTiming = 2;

    /// <summary>CU_EVENT_BLOCKING_SYNC: a thread waiting for a fence (the encoder's writer) sleeps instead of spinning.</summary>
    private const uint EventBlockingSync = 1;

    /// <summary>
    /// Uploads rotate through this many pinned staging buffers, so copying the next one in (a frame's layers, its layer values) does not
    /// wait for the copy of the last one to leave.
    /// </summary>
    private const int StagingSlots = 3;

    private readonly Lock _gate = new();
    private readonly KernelLoader _loader;
    private readonly bool _synchronizeEachLaunch;
    private readonly Dictionary<string, nint> _modules = [];
    private readonly Dictionary<(string, string), nint> _functions = [];
    private readonly Dictionary<nint, string> _entryPoints = [];
    private readonly int _device;
    private nint _context;
    private nint _stream;
    private readonly StagingSlot[] _staging = new StagingSlot[StagingSlots];
    private int _nextStaging;
    private readonly Stack<nint> _idleEvents = new();
    private readonly List<nint> _events = [];
    private bool _disposed;

    /// <summary>A pinned buffer that only grows, and the event recorded after the last copy through it.</summary>
    private struct StagingSlot
    {
        public byte* Memory;
        public long Bytes;
        public nint Done;
    }

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
            nint stream;
            ThrowIfFailed(cuStreamCreate(&stream, StreamNonBlocking));
            _stream = stream;
            for (var i = 0; i < StagingSlots; i++)
                _staging[i].Done = CreateEvent(EventDisableTiming);
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
            ref var slot = ref Staging(source.Length); // waits until the copy that last went through this slot has left it
            source.CopyTo(new Span<byte>(slot.Memory, source.Length));
            ThrowIfFailed(cuMemcpyHtoDAsync_v2(destination, slot.Memory, (nuint)source.Length, _stream));
            ThrowIfFailed(cuEventRecord(slot.Done, _stream));
        }
    }

    public void CopyToHost(ulong source, Span<byte> destination)
    {
        lock (_gate)
        {
            MakeCurrent();
            ref var slot = ref Staging(destination.Length);
            ThrowIfFailed(cuMemcpyDtoHAsync_v2(slot.Memory, source, (nuint)destination.Length, _stream));
            ThrowIfFailed(cuStreamSynchronize(_stream));
            new ReadOnlySpan<byte>(slot.Memory, destination.Length).CopyTo(destination);
        }
    }

    public byte* AllocateHost(long bytes)
    {
        MakeCurrent();
        void* pointer;
        var result = cuMemAllocHost_v2(&pointer, (nuint)bytes);
        if (result == (int)CudaResult.OutOfMemory)
            throw new OutOfMemoryException($"No page-locked host memory left for {bytes / (1024.0 * 1024):0.#} MiB.");
        ThrowIfFailed(result);
        return (byte*)pointer;
    }

    public void FreeHost(byte* pointer)
    {
        MakeCurrent();
        ThrowIfFailed(cuMemFreeHost(pointer));
    }

    public void QueueCopyToHost(ulong source, byte* destination, long bytes)
    {
        lock (_gate)
        {
            MakeCurrent();
            ThrowIfFailed(cuMemcpyDtoHAsync_v2(destination, source, (nuint)bytes, _stream));
        }
    }

    public nint RecordEvent()
    {
        lock (_gate)
        {
            MakeCurrent();
            var recorded = _idleEvents.TryPop(out var idle) ? idle : CreateEvent(EventDisableTiming | EventBlockingSync);
            ThrowIfFailed(cuEventRecord(recorded, _stream));
            return recorded;
        }
    }

    public void WaitEvent(nint recorded)
    {
        MakeCurrent(); // the waiting thread (the encoder's writer) may never have made the context current
        ThrowIfFailed(cuEventSynchronize(recorded));
    }

    public void ReleaseEvent(nint recorded)
    {
        lock (_gate)
            if (!_disposed)
                _idleEvents.Push(recorded);
    }

    /// <summary>A new event, destroyed with the runtime.</summary>
    private nint CreateEvent(uint flags)
    {
        nint created;
        ThrowIfFailed(cuEventCreate(&created, flags));
        _events.Add(created);
        return created;
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

    /// <summary>The next pinned staging slot, at least <paramref name="bytes"/> long, once no copy is using it.</summary>
    private ref StagingSlot Staging(long bytes)
    {
        ref var slot = ref _staging[_nextStaging];
        _nextStaging = (_nextStaging + 1) % StagingSlots;
        ThrowIfFailed(cuEventSynchronize(slot.Done));
        if (bytes <= slot.Bytes)
            return ref slot;
        if (slot.Memory != null)
        {
            ThrowIfFailed(cuMemFreeHost(slot.Memory));
            slot.Memory = null;
            slot.Bytes = 0;
        }
        var size = Math.Max(bytes, 1L << 20);
        void* pointer;
        ThrowIfFailed(cuMemAllocHost_v2(&pointer, (nuint)size));
        slot.Memory = (byte*)pointer;
        slot.Bytes = size;
        return ref slot;
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
            for (var i = 0; i < StagingSlots; i++)
                if (_staging[i].Memory != null)
                    _ = cuMemFreeHost(_staging[i].Memory);
            Array.Clear(_staging);
            foreach (var created in _events)
                _ = cuEventDestroy_v2(created);
            _events.Clear();
            _idleEvents.Clear();
            if (_stream != 0)
                _ = cuStreamDestroy_v2(_stream);
            _ = cuDevicePrimaryCtxRelease_v2(_device);
            _context = 0;
        }
    }
}
