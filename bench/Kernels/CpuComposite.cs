using BenchmarkDotNet.Attributes;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Bench.Kernels;

/// <summary>Compositing 1, 4 or 16 full-canvas layers, each with opacity 0.8 and its own mask, on the CPU backend.</summary>
[BenchmarkCategory("cpu")]
public class CpuComposite : KernelBenchmarks
{
    [Params(1, 4, 16)]
    public int Layers { get; set; } = 1;

    protected override IComputeBackend CreateBackend() => new CpuBackend();

    protected override IEnumerable<string> KernelNames => [$"composite-{Layers}"];

    [Benchmark] public void Composite() => Run($"composite-{Layers}", 1);
}
