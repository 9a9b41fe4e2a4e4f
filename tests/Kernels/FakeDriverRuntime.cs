using ScriptComposer.Gpu.Cuda;

namespace ScriptComposer.Tests.Kernels;

/// <summary>
/// An <see cref="IKernelRuntime"/> whose kernels are compiled by the real NVRTC and loaded by a <see cref="FakeDriver"/> through the
/// backend's own <see cref="KernelLoader"/>, so a backend can be started and warmed up against each error a driver returns at load
/// time. It has no memory: enough for choosing a backend, not for drawing.
/// </summary>
internal sealed unsafe class FakeDriverRuntime(FakeDriver driver, KernelCompiler compiler, KernelTarget target, IReadOnlyList<KernelTarget> fallbacks)
    : IKernelRuntime
{
    private readonly KernelLoader _loader = new(compiler, target, fallbacks, driver.Load);
    private readonly Dictionary<string, nint> _modules = [];

    public string DeviceName => "a fake GPU (compute capability 8.0)";

    public bool Disposed { get; private set; }

    public KernelTarget Target => _loader.Target;

    public ulong Allocate(long bytes) => throw new NotSupportedException("The fake driver has no memory.");

    public void Free(ulong pointer) => throw new NotSupportedException("The fake driver has no memory.");

    public void CopyToDevice(ReadOnlySpan<byte> source, ulong destination) => throw new NotSupportedException("The fake driver has no memory.");

    public void CopyToHost(ulong source, Span<byte> destination) => throw new NotSupportedException("The fake driver has no memory.");

    public byte* AllocateHost(long bytes) => throw new NotSupportedException("The fake driver has no memory.");

    public void FreeHost(byte* pointer) => throw new NotSupportedException("The fake driver has no memory.");

    public void QueueCopyToHost(ulong source, byte* destination, long bytes) => throw new NotSupportedException("The fake driver has no memory.");

    public nint RecordEvent() => throw new NotSupportedException("The fake driver runs nothing.");

    public void WaitEvent(nint recorded) => throw new NotSupportedException("The fake driver runs nothing.");

    public void ReleaseEvent(nint recorded) => throw new NotSupportedException("The fake driver runs nothing.");

    public nint GetFunction(string kernel, string entryPoint) => Module(KernelSources.Get(kernel));

    public nint GetFunction(KernelSource source, string entryPoint) => Module(source);

    public void Prepare(IReadOnlyList<KernelSource> sources)
    {
        foreach (var source in sources)
            Module(source);
    }

    public void Launch(nint function, uint gridX, uint gridY, uint blockX, uint blockY, void** arguments, int argumentCount) =>
        throw new NotSupportedException("The fake driver runs nothing.");

    public void Synchronize()
    {
    }

    public void Dispose() => Disposed = true;

    private nint Module(KernelSource source)
    {
        if (!_modules.TryGetValue(source.Name, out var module))
            _modules[source.Name] = module = _loader.Load(source);
        return module;
    }
}
