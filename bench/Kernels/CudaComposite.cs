using BenchmarkDotNet.Attributes;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;

namespace ScriptComposer.Bench.Kernels;

/// <summary>Compositing 1, 4 or 16 layers with opacity and mask on CUDA, batched like <see cref="CudaKernels"/>.</summary>
[BenchmarkCategory("cuda")]
public class CudaComposite : KernelBenchmarks
{
    [Params(1, 4, 16)]
    public int Layers { get; set; } = 1;

    protected override IComputeBackend CreateBackend()
    {
        var backend = new CudaBackend();
        backend.Warm();
        return backend;
    }

    protected override IEnumerable<string> KernelNames => [$"composite-{Layers}"];

    [Benchmark(OperationsPerInvoke = CudaKernels.Frames)] public void Composite() => Run($"composite-{Layers}", CudaKernels.Frames);
}
