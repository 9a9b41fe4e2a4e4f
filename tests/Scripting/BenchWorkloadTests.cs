using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Host.Commands;

namespace ScriptComposer.Tests.Scripting;

/// <summary>The kernel workloads of <c>sc bench</c> (and of the BenchmarkDotNet classes, which run the same ones) build and run at odd sizes.</summary>
public sealed class BenchWorkloadTests
{
    public static TheoryData<string> Names() => [.. BenchCommand.Kernels];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_workload_runs_and_counts_its_bytes(string name)
    {
        using var backend = new CpuBackend();
        using var workload = BenchCommand.Workload.Create(name, backend, 67, 39);
        workload.Run();
        Assert.Equal(BenchCommand.Workload.BytesFor(name, 67, 39), workload.BytesPerFrame);
        Assert.True(workload.BytesPerFrame > 0);
        Assert.NotEmpty(workload.BytesDescription);
    }

    [Fact]
    public void An_unknown_workload_names_the_known_ones()
    {
        using var backend = new CpuBackend();
        var error = Assert.Throws<ArgumentException>(() => BenchCommand.Workload.Create("blur-9", backend, 8, 8));
        Assert.Contains("i420-crossfade", error.Message, StringComparison.Ordinal);
    }
}
