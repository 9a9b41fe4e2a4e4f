using BenchmarkDotNet.Attributes;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;

namespace ScriptComposer.Bench.Kernels;

/// <summary>
/// The same kernels on the CUDA backend. One invocation queues <see cref="Frames"/> launches and then synchronizes
/// the stream once, so launch latency and the sync round trip are amortised; the time per frame is host wall-clock
/// over the batch (the CUDA bindings expose no event timer: no cuEventElapsedTime).
/// </summary>
[BenchmarkCategory("cuda")]
public class CudaKernels : KernelBenchmarks
{
    public const int Frames = 32;

    protected override IComputeBackend CreateBackend()
    {
        var backend = new CudaBackend();
        backend.Warm(); // every kernel compiled by NVRTC before any timing
        return backend;
    }

    protected override IEnumerable<string> KernelNames => ["fill", "gradient", "fade", "resize", "yuv420", "i420-grid", "i420-crossfade"];

    [Benchmark(OperationsPerInvoke = Frames)] public void Fill() => Run("fill", Frames);
    [Benchmark(OperationsPerInvoke = Frames)] public void Gradient() => Run("gradient", Frames);
    [Benchmark(OperationsPerInvoke = Frames)] public void Fade() => Run("fade", Frames);
    [Benchmark(OperationsPerInvoke = Frames)] public void Resize() => Run("resize", Frames);
    [Benchmark(OperationsPerInvoke = Frames)] public void Yuv420() => Run("yuv420", Frames);
    [Benchmark(OperationsPerInvoke = Frames)] public void I420Grid() => Run("i420-grid", Frames);
    [Benchmark(OperationsPerInvoke = Frames)] public void I420Crossfade() => Run("i420-crossfade", Frames);
}
