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

    public ShimRuntime(ShimHarness harness)
    {
        _harness = harness;
        _scratch = Path.Combine(harness.Directory, "runs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_scratch);
    }

    public string DeviceName => "CPU (the .cu kernels compiled by g++ with AddressSanitizer)";

    /// <summary>How many kernels were launched (to check that a no-op launches nothing).</summary>
    public int Launches { get; private set; }

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
        memory.AsSpan(0, destination.Length).CopyTo(destination);
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

    public void Synchronize()
    {
    }

    public void Dispose()
    {
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
