using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Tests.Kernels;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// An <see cref="IKernelRuntime"/> that runs the CUDA kernels' sources on the CPU through <see cref="ShimHarness"/>.
/// "Device memory" is host arrays at fake device addresses (each allocation at its own address, with unmapped space after it); a
/// launch reads cuLaunchKernel's <c>void**</c> exactly as the driver would (each parameter's size from the kernel's signature), writes
/// the memory the kernel can reach to files, runs the harness, which maps each file at its device address (so device pointers
/// stored in device memory, such as a fused composite's layer values, work as on a GPU), and reads them back. So
/// <see cref="CudaBackend"/>'s own launch code (argument packing, layer values, clipping, grid sizes, pools) is what these tests
/// exercise, with the real kernel sources.
/// Copies into page-locked host memory are queued as a stream would queue them: the destination reads as garbage until an event
/// recorded after the copy is waited for (or the stream synchronized), so a caller that reads a frame before its fence fails here.
/// </summary>
internal sealed unsafe class ShimRuntime : IKernelRuntime
{
    /// <summary>Where the fake device addresses start: above the harness's code and heap, below AddressSanitizer's allocator.</summary>
    private const ulong Base = 0x4000_0000_0000;

    /// <summary>Allocations are this aligned, with at least this much unmapped space after each (larger than any page).</summary>
    private const ulong Granule = 1 << 20;

    private readonly ShimHarness _harness;
    private readonly Dictionary<ulong, byte[]> _memory = [];
    private readonly List<(ShimHarness Harness, string Entry)> _functions = [];
    private readonly string _scratch;
    private ulong _next = Base;
    private readonly Dictionary<nint, long> _hostMemory = [];
    private readonly Lock _queueGate = new();

    /// <summary>Queued copies to the host, in order: the device bytes as they were when queued, and where they go.</summary>
    private readonly List<(long Order, byte[] Bytes, nint Destination)> _queued = [];
    private readonly Dictionary<nint, long> _events = [];
    private long _order;

    public ShimRuntime(ShimHarness harness)
    {
        _harness = harness;
        _scratch = Path.Combine(harness.Directory, "runs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_scratch);
    }

    public string DeviceName => "CPU (the .cu kernels compiled by g++ with AddressSanitizer)";

    /// <summary>How many kernels were launched (to check that a no-op launches nothing).</summary>
    public int Launches { get; private set; }

    /// <summary>How many copies to the host were queued rather than waited for.</summary>
    public int QueuedCopies { get; private set; }

    /// <summary>How many events are recorded and not released.</summary>
    public int EventsInUse
    {
        get
        {
            lock (_queueGate)
                return _events.Count;
        }
    }

    /// <summary>The grid and block of the last launch.</summary>
    public (uint GridX, uint GridY, uint BlockX, uint BlockY) LastLaunch { get; private set; }

    public ulong Allocate(long bytes)
    {
        var pointer = _next;
        _next += ((ulong)bytes + Granule - 1) / Granule * Granule + Granule;
        var memory = new byte[bytes];
        Random.Shared.NextBytes(memory); // like cuMemAlloc: contents undefined, never conveniently zero
        _memory[pointer] = memory;
        return pointer;
    }

    public void Free(ulong pointer)
    {
        if (!_memory.Remove(pointer))
            throw new InvalidOperationException($"Free of 0x{pointer:x}, which is not allocated (double free?).");
    }

    public void CopyToDevice(ReadOnlySpan<byte> source, ulong destination)
    {
        var memory = Memory(destination);
        if (source.Length > memory.Length)
            throw new InvalidOperationException($"A copy of {source.Length} bytes into an allocation of {memory.Length}.");
        source.CopyTo(memory);
    }

    public void CopyToHost(ulong source, Span<byte> destination)
    {
        var memory = Memory(source);
        if (destination.Length > memory.Length)
            throw new InvalidOperationException($"A copy of {destination.Length} bytes out of an allocation of {memory.Length}.");
        Finish(long.MaxValue); // the stream runs what was queued before this copy first
        memory.AsSpan(0, destination.Length).CopyTo(destination);
    }

    public byte* AllocateHost(long bytes)
    {
        var pointer = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc((nuint)bytes);
        new Span<byte>(pointer, checked((int)bytes)).Fill(0xA5);
        lock (_queueGate)
            _hostMemory[(nint)pointer] = bytes;
        return pointer;
    }

    public void FreeHost(byte* pointer)
    {
        lock (_queueGate)
        {
            if (!_hostMemory.Remove((nint)pointer))
                throw new InvalidOperationException($"FreeHost of 0x{(nint)pointer:x}, which AllocateHost did not give.");
            if (_queued.Count > 0)
                throw new InvalidOperationException("FreeHost while copies are queued (the driver may still write into it).");
        }
        System.Runtime.InteropServices.NativeMemory.Free(pointer);
    }

    public void QueueCopyToHost(ulong source, byte* destination, long bytes)
    {
        var memory = Memory(source);
        if (bytes > memory.Length)
            throw new InvalidOperationException($"A copy of {bytes} bytes out of an allocation of {memory.Length}.");
        lock (_queueGate)
        {
            if (!_hostMemory.Any(h => (byte*)h.Key <= destination && destination + bytes <= (byte*)h.Key + h.Value))
                throw new InvalidOperationException("A queued copy into memory that AllocateHost did not give (the driver would copy synchronously).");
            _queued.Add((_order++, memory.AsSpan(0, (int)bytes).ToArray(), (nint)destination));
            QueuedCopies++;
        }
        new Span<byte>(destination, (int)bytes).Fill(0x5A); // not there yet: whatever reads it before its fence sees garbage
    }

    public nint RecordEvent()
    {
        lock (_queueGate)
        {
            var recorded = (nint)(_events.Count == 0 ? 1 : _events.Keys.Max() + 1);
            _events[recorded] = _order++;
            return recorded;
        }
    }

    public void WaitEvent(nint recorded)
    {
        long order;
        lock (_queueGate)
            order = _events.TryGetValue(recorded, out var o) ? o : throw new InvalidOperationException($"Wait on event {recorded}, which is not recorded (released?).");
        Finish(order);
    }

    public void ReleaseEvent(nint recorded)
    {
        lock (_queueGate)
            if (!_events.Remove(recorded))
                throw new InvalidOperationException($"Release of event {recorded}, which is not recorded (released twice?).");
    }

    /// <summary>Lands every queued copy queued before <paramref name="order"/>.</summary>
    private void Finish(long order)
    {
        lock (_queueGate)
        {
            foreach (var copy in _queued.Where(c => c.Order < order))
                copy.Bytes.CopyTo(new Span<byte>((byte*)copy.Destination, copy.Bytes.Length));
            _queued.RemoveAll(c => c.Order < order);
        }
    }

    public nint GetFunction(string kernel, string entryPoint)
    {
        if (!KernelSources.Get(kernel).EntryPoints.Contains(entryPoint))
            throw new InvalidOperationException($"Kernel {kernel}.cu has no entry point {entryPoint}.");
        _functions.Add((_harness, entryPoint));
        return _functions.Count;
    }

    /// <summary>A generated kernel (a fused composite, a wrapped pixel effect): a harness of this one alone, built once per source.</summary>
    public nint GetFunction(KernelSource source, string entryPoint)
    {
        if (!source.EntryPoints.Contains(entryPoint))
            throw new InvalidOperationException($"Kernel {source.FileName} has no entry point {entryPoint}.");
        _functions.Add((Harness(source), entryPoint));
        return _functions.Count;
    }

    private static ShimHarness Harness(KernelSource source)
    {
        try
        {
            return ShimHarness.Get(source);
        }
        catch (ShimBuildException e)
        {
            // As NVRTC would: the compile error with the compiler's log.
            throw new KernelCompileException(source.Name, ["g++ (CPU shim)"], e.CompilerOutput);
        }
    }

    /// <summary>
    /// The live allocations whose addresses <paramref name="memory"/> holds (8-byte aligned words equal to one): device pointers
    /// stored in device memory, which the kernel may follow. A pixel that happens to spell an address only maps one more buffer.
    /// </summary>
    private void AddPointersIn(byte[] memory, SortedSet<ulong> reachable)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(memory.AsSpan(0, memory.Length / 8 * 8));
        foreach (var word in words)
            if (word >= Base && word < _next && _memory.ContainsKey(word))
                reachable.Add(word);
    }

    public void Prepare(IReadOnlyList<KernelSource> sources) => Parallel.ForEach(sources, source => Harness(source));

    public void Launch(nint function, uint gridX, uint gridY, uint blockX, uint blockY, void** arguments, int argumentCount)
    {
        var (harness, entry) = _functions[(int)function - 1];
        var kinds = harness.Signature(entry);
        if (kinds.Length != argumentCount)
            throw new InvalidOperationException($"{entry} takes {kinds.Length} parameters ({kinds}) but the launch passes {argumentCount}.");

        Launches++;
        LastLaunch = (gridX, gridY, blockX, blockY);
        var values = new List<string>();
        var reachable = new SortedSet<ulong>();
        for (var i = 0; i < argumentCount; i++)
        {
            switch (kinds[i])
            {
                case 'i':
                    values.Add($"i:{*(int*)arguments[i]}");
                    break;
                case 'f':
                    values.Add($"f:{*(uint*)arguments[i]}");
                    break;
                case 'p':
                    var pointer = *(ulong*)arguments[i];
                    if (pointer == 0)
                    {
                        values.Add("null");
                        break;
                    }
                    var memory = Memory(pointer);
                    reachable.Add(pointer);
                    AddPointersIn(memory, reachable);
                    values.Add($"ptr:{pointer:x}");
                    break;
                default:
                    throw new InvalidOperationException($"{entry} has a parameter of a kind the shim does not know: '{kinds[i]}'.");
            }
        }

        var args = new List<string> { entry, $"{gridX}", $"{gridY}", "1", $"{blockX}", $"{blockY}", "1" };
        var files = new List<(string Path, byte[] Memory)>();
        foreach (var address in reachable)
        {
            var file = Path.Combine(_scratch, $"{address:x}.bin");
            File.WriteAllBytes(file, _memory[address]);
            files.Add((file, _memory[address]));
            args.Add($"mem:{address:x}:{file}");
        }
        args.AddRange(values);

        var (exitCode, _, stderr) = harness.Run(args);
        if (exitCode != 0)
            throw new InvalidOperationException($"The kernel {entry} failed on the CPU harness (exit {exitCode}):\n{stderr}");
        foreach (var (path, memory) in files)
        {
            var result = File.ReadAllBytes(path);
            result.CopyTo(memory, 0);
            File.Delete(path);
        }
    }

    public void Synchronize() => Finish(long.MaxValue);

    public void Dispose()
    {
        lock (_queueGate)
        {
            foreach (var pointer in _hostMemory.Keys)
                System.Runtime.InteropServices.NativeMemory.Free((void*)pointer);
            _hostMemory.Clear();
            _queued.Clear();
        }
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private byte[] Memory(ulong pointer) =>
        _memory.TryGetValue(pointer, out var memory) ? memory : throw new InvalidOperationException($"0x{pointer:x} is not the start of a live allocation.");
}
