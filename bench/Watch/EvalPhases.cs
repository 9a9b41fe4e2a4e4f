using System.Diagnostics;
using System.Globalization;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;
using static ScriptComposer.Bench.BenchArgs;

namespace ScriptComposer.Bench.Watch;

/// <summary>
/// The phases of one <c>sc watch</c> evaluation, save after save of <see cref="WatchLatency"/>'s scene (a new color each
/// time, so every evaluation compiles): compile (Roslyn, weave, load) and run, with the process's CPU time, the full
/// collections and the bytes allocated during each, to tell a slow evaluation's cause (a collection, the JIT, Roslyn).
/// <code>dotnet run -c Release --project bench -- phases [--saves N] [--collect]</code>
/// (<c>--collect</c> starts a full collection after each evaluation, as <c>sc watch</c> does once a reload is on screen).
/// </summary>
public static class EvalPhases
{
    public static int Run(string[] args)
    {
        var saves = Option(args, "--saves", 24);
        var collect = args.Contains("--collect");
        var folder = Directory.CreateTempSubdirectory("sc-phases-").FullName;
        try
        {
            var script = Path.Combine(folder, "scene.csx");
            var host = new ScriptHost(new CompiledScriptCache(Path.Combine(folder, "cache")));
            var options = ScriptEvaluationOptions.Default with { ContextName = "sc phases" };
            var self = Process.GetCurrentProcess();
            for (var i = 0; i < saves; i++)
            {
                File.WriteAllText(script, WatchLatency.Write(i));
                self.Refresh();
                var cpu0 = self.TotalProcessorTime;
                var gen2 = GC.CollectionCount(2);
                var gen0 = GC.CollectionCount(0);
                var bytes0 = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                var loaded = host.Load(script, options, CancellationToken.None);
                var compiled = clock.Elapsed.TotalMilliseconds;
                var evaluation = host.Run(loaded, ScriptArgs.Empty);
                var total = clock.Elapsed.TotalMilliseconds;
                self.Refresh();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{i,3}: compile {compiled,6:0.0}  run {total - compiled,6:0.0}  total {total,6:0.0} ms  cpu {(self.TotalProcessorTime - cpu0).TotalMilliseconds,6:0} ms  gen0 {GC.CollectionCount(0) - gen0}  gen2 {GC.CollectionCount(2) - gen2}  alloc {(GC.GetTotalAllocatedBytes(precise: true) - bytes0) / 1e6,6:0.0} MB"));
                evaluation.Unload();
                if (collect)
                    Task.Run(GC.Collect);
                Thread.Sleep(150);
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
