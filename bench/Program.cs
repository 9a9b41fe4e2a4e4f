using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ScriptComposer.Bench.EndToEnd;
using ScriptComposer.Bench.Kernels;
using ScriptComposer.Gpu.Cuda.Native;

// dotnet run -c Release --project bench -- [BenchmarkDotNet options, e.g. --filter '*CpuKernels*']
// dotnet run -c Release --project bench -- e2e [--runs N] [--only NAME] [--preset P]
// dotnet run -c Release --project bench -- fused [BenchmarkDotNet options]   (the fused frame vs the unfused sequence)
// dotnet run -c Release --project bench -- watch [--saves N] [--backend cpu] [--debounce MS] [--process [SC_DLL]]   (sc watch: save to new frame)
// dotnet run -c Release --project bench -- pipe [--frames N] [--runs N] [--size WxH] [--encode]   (raw frames into ffmpeg: pipe vs socket)
// dotnet run -c Release --project bench -- command [--runs N] [--only NAME] [--baseline OTHER/sc.dll]   (the whole sc render command against ffmpeg)
// dotnet run -c Release --project bench -- jobs [--runs N] [--only NAME] [--no-slurm]   (one process, --jobs 2 and 4, --slurm on the local cluster)
// dotnet run -c Release --project bench -- soak [--renders N] [--saves N] [--warmup N]   (growth of a long-lived sc: RSS, fds, threads, children)

// Configured as sc is: the environment read once, its settings handed to the libraries.
try
{
    ScriptComposer.Host.Configuration.ScOptions.FromEnvironment().Apply();
}
catch (ScriptComposer.Dsl.ScriptComposerException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

if (args.Length > 0 && args[0] == "e2e")
    return EndToEndRunner.Run(args[1..]);
if (args.Length > 0 && args[0] == "fused")
    return FusedRunner.Run(args[1..]);
if (args.Length > 0 && args[0] == "phases")
    return ScriptComposer.Bench.Watch.EvalPhases.Run(args);
if (args.Length > 0 && args[0] == "watch")
    return ScriptComposer.Bench.Watch.WatchLatency.Run(args[1..]);
if (args.Length > 0 && args[0] == "command")
    return CommandRunner.Run(args[1..]);
if (args.Length > 0 && args[0] == "jobs")
    return ScriptComposer.Bench.Jobs.JobsRunner.Run(args[1..]);
if (args.Length > 0 && args[0] == "soak")
    return ScriptComposer.Bench.Soak.SoakRunner.Run(args[1..]);
if (args.Length > 0 && args[0] == "pipe")
    return ScriptComposer.Bench.Transport.TransportRunner.Run(args[1..]);

var types = new List<Type> { typeof(CpuKernels), typeof(CpuComposite), typeof(PlannedFrames) };
var cuda = CudaLoader.Probe();
if (cuda.IsAvailable)
    types.AddRange([typeof(CudaKernels), typeof(CudaComposite)]);
else
    Console.WriteLine($"CUDA kernels skipped: {cuda.Reason}.");

// Few iterations, in process: the whole CPU suite must finish in minutes on a 2-core machine, and the
// in-process toolchain needs no generated project (which would inherit the repository's warnings-as-errors).
var job = Job.Default
    .WithWarmupCount(1)
    .WithIterationCount(5)
    .WithLaunchCount(1)
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithId("Short");
var config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job)
    .AddColumn(ThroughputColumn.Megapixels, ThroughputColumn.Gigabytes)
    .WithOptions(ConfigOptions.JoinSummary);

BenchmarkSwitcher.FromTypes([.. types]).Run(args, config);
return 0;
