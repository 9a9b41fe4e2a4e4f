using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ScriptComposer.Bench.Kernels;

/// <summary>
/// <c>dotnet run -c Release --project bench -- fused [BenchmarkDotNet options]</c>: <see cref="CpuFused"/> with the kernel suite's
/// short in-process job, reporting medians and each way's ratio to the unfused baseline (the kernel suite's MP/s and GB/s columns
/// count one kernel's bytes and do not apply to a whole frame).
/// </summary>
public static class FusedRunner
{
    public static int Run(string[] args)
    {
        var job = Job.Default
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithLaunchCount(1)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("Short");
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(job)
            .AddColumn(StatisticColumn.Median)
            .WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromTypes([typeof(CpuFused)]).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return 0;
    }
}
