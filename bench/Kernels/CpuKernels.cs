using BenchmarkDotNet.Attributes;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Bench.Kernels;

/// <summary>Single-operation kernels on the CPU backend (one frame per invocation: each takes milliseconds).</summary>
[BenchmarkCategory("cpu")]
public class CpuKernels : KernelBenchmarks
{
    protected override IComputeBackend CreateBackend() => new CpuBackend();

    protected override IEnumerable<string> KernelNames => ["fill", "gradient", "fade", "resize", "yuv420", "i420-grid", "i420-crossfade"];

    [Benchmark] public void Fill() => Run("fill", 1);
    [Benchmark] public void Gradient() => Run("gradient", 1);
    [Benchmark] public void Fade() => Run("fade", 1);
    [Benchmark] public void Resize() => Run("resize", 1);
    [Benchmark] public void Yuv420() => Run("yuv420", 1);
    [Benchmark] public void I420Grid() => Run("i420-grid", 1);
    [Benchmark] public void I420Crossfade() => Run("i420-crossfade", 1);
}
