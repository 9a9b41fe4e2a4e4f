using BenchmarkDotNet.Attributes;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Commands;

namespace ScriptComposer.Bench.Kernels;

/// <summary>
/// The kernel workloads of <c>sc bench</c> (<see cref="BenchCommand.Workload"/>), at 720p, 1080p and 2160p, on one
/// backend. Subclasses pick the backend and how many frames one invocation queues before it synchronizes.
/// </summary>
public abstract class KernelBenchmarks
{
    private readonly Dictionary<string, BenchCommand.Workload> _workloads = [];
    private IComputeBackend? _backend;

    [Params("1280x720", "1920x1080", "3840x2160")]
    public string Size { get; set; } = "1920x1080";

    protected abstract IComputeBackend CreateBackend();

    /// <summary>The workloads this class runs, by <see cref="BenchCommand.Kernels"/> name.</summary>
    protected abstract IEnumerable<string> KernelNames { get; }

    protected IComputeBackend Backend => _backend ?? throw new InvalidOperationException("GlobalSetup has not run.");

    [GlobalSetup]
    public void Setup()
    {
        _backend = CreateBackend();
        var (width, height) = BenchCommand.ParseSize(Size);
        foreach (var name in KernelNames)
        {
            var workload = BenchCommand.Workload.Create(name, _backend, width, height);
            _workloads[name] = workload;
            // Compiles (NVRTC) and loads the kernel now, so no timing includes it; BenchmarkDotNet's warm-up follows.
            workload.Run();
        }
        _backend.Synchronize();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var workload in _workloads.Values)
            workload.Dispose();
        _workloads.Clear();
        _backend?.Dispose();
        _backend = null;
    }

    /// <summary>Queues <paramref name="frames"/> frames of <paramref name="kernel"/> and waits for the last.</summary>
    protected void Run(string kernel, int frames)
    {
        var workload = _workloads[kernel];
        for (var i = 0; i < frames; i++)
            workload.Run();
        Backend.Synchronize();
    }
}
