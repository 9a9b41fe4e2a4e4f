using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;
using static ScriptComposer.Bench.BenchArgs;

namespace ScriptComposer.Bench.EndToEnd;

/// <summary>
/// <c>bench -- command [--runs N] [--only NAME]</c>: what a user waits for. Each reference composition is rendered by the whole
/// <c>sc render</c> command (a fresh process of the ReadyToRun build that <c>scripts/sc</c> makes: .NET start, script compile,
/// media probes, render) and by its plain-ffmpeg twin, alternately, N rounds; medians of wall-clock and CPU time (the process
/// and its children). sc runs twice a round: with an empty cache folder (a script and media it has never seen) and again
/// with the folder the first run filled (the same script rendered again, or its media after an edit to the script).
/// <c>--baseline PATH/sc.dll</c> runs another build of sc (an older tree's <c>artifacts/sc/sc.dll</c>) the same way in
/// every round, next to this one, and adds its rows: before and after, side by side on one machine state.
/// </summary>
internal static class CommandRunner
{
    public static int Run(string[] args)
    {
        var runs = Option(args, "--runs", 5);
        var only = Option(args, "--only");
        var baseline = Option(args, "--baseline");
        var media = Path.Combine(Repository.Bench, "artifacts", "e2e", "media");
        var outputs = Path.Combine(Repository.Bench, "artifacts", "command");
        Directory.CreateDirectory(outputs);
        MediaSetup.Ensure(media);
        var sc = BuildSc();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"`sc render` (a fresh process each time) against its ffmpeg twin{(baseline is null ? "" : $" and the baseline {baseline}")}; {runs} alternating rounds, medians; {FfmpegTools()}");
        report.AppendLine();
        report.AppendLine("| composition | frames | ffmpeg s | sc, first render s | sc, again s | **ffmpeg/sc first** | **ffmpeg/sc again** | CPU s: ffmpeg / sc first / sc again |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        var host = new ScriptHost();
        foreach (var composition in Compositions.All.Where(c => only is null || c.Name == only))
        {
            Console.WriteLine($"== {composition.Name}");
            var script = Path.Combine(Repository.Bench, "scripts", composition.Script);
            var scOut = Path.Combine(outputs, $"{composition.Name}.sc.mp4");
            var sets = new Dictionary<string, string> { ["media"] = media, ["out"] = scOut, ["preset"] = "veryfast", ["threads"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) };
            var video = host.Evaluate(script, new ScriptArgs(sets)).Outputs.OfType<VideoOutput>().Single();
            var (first, end, _) = RenderJob.Frames(video, RenderRange.Whole);
            var ffArgs = composition.FfmpegArguments(media, Path.Combine(outputs, $"{composition.Name}.ffmpeg.mp4"), new EncodeSettings("veryfast", Environment.ProcessorCount, end - first));
            string[] renderArgs = ["render", script, .. sets.SelectMany(s => new[] { "--set", $"{s.Key}={s.Value}" })];
            string[] scArgs = [sc, .. renderArgs];
            string[] baselineArgs = baseline is null ? [] : [baseline, .. renderArgs];

            var (ff, cold, warm) = (new List<(double, double)>(), new List<(double, double)>(), new List<(double, double)>());
            var (baseCold, baseWarm) = (new List<(double, double)>(), new List<(double, double)>());
            for (var round = 0; round < runs; round++)
            {
                string[] sides = baseline is null ? ["sc", "ffmpeg"] : ["sc", "ffmpeg", "baseline"];
                foreach (var side in round % 2 == 0 ? sides : sides.Reverse())
                {
                    if (side == "ffmpeg")
                    {
                        ff.Add(Measure(Dsl.Media.FfmpegTools.FfmpegPath, ffArgs, null));
                        continue;
                    }
                    var cache = Directory.CreateTempSubdirectory("sc-bench-cache-").FullName;
                    try
                    {
                        var (args0, first0, again0) = side == "sc" ? (scArgs, cold, warm) : (baselineArgs, baseCold, baseWarm);
                        first0.Add(Measure("dotnet", args0, cache));
                        again0.Add(Measure("dotnet", args0, cache));
                    }
                    finally
                    {
                        Directory.Delete(cache, recursive: true);
                    }
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   round {round + 1}: ffmpeg {ff[^1].Item1:0.00} s, sc first {cold[^1].Item1:0.00} s, sc again {warm[^1].Item1:0.00} s{(baseline is null ? "" : $", baseline first {baseCold[^1].Item1:0.00} s, again {baseWarm[^1].Item1:0.00} s")}"));
            }
            double Wall(List<(double Wall, double Cpu)> l) => Median(l.Select(x => x.Wall));
            double Cpu(List<(double Wall, double Cpu)> l) => Median(l.Select(x => x.Cpu));
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {composition.Name} | {end - first} | {Wall(ff):0.00} | {Wall(cold):0.00} | {Wall(warm):0.00} | **{Wall(ff) / Wall(cold):0.00}** | **{Wall(ff) / Wall(warm):0.00}** | {Cpu(ff):0.00} / {Cpu(cold):0.00} / {Cpu(warm):0.00} |");
            report.AppendLine(line);
            Console.WriteLine(line);
            if (baseline is not null)
            {
                line = string.Create(CultureInfo.InvariantCulture,
                    $"| {composition.Name} (baseline) | {end - first} | {Wall(ff):0.00} | {Wall(baseCold):0.00} | {Wall(baseWarm):0.00} | **{Wall(ff) / Wall(baseCold):0.00}** | **{Wall(ff) / Wall(baseWarm):0.00}** | {Cpu(ff):0.00} / {Cpu(baseCold):0.00} / {Cpu(baseWarm):0.00} |");
                report.AppendLine(line);
                Console.WriteLine(line);
            }
        }
        var results = Path.Combine(outputs, "results.md");
        File.WriteAllText(results, report.ToString());
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"(also written to {results})");
        return 0;
    }

    /// <summary>The ReadyToRun sc that <c>scripts/sc</c> builds (and rebuilds when the sources changed).</summary>
    private static string BuildSc()
    {
        var script = Path.Combine(Repository.Root, "scripts", "sc");
        var info = new ProcessStartInfo(script) { UseShellExecute = false };
        info.ArgumentList.Add("--version");
        using var process = Process.Start(info)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} --version failed ({process.ExitCode}).");
        return Path.Combine(Repository.Root, "artifacts", "sc", "sc.dll");
    }

    /// <summary>Wall-clock and CPU seconds (the process and everything it started) of one run to the end.</summary>
    private static (double Wall, double Cpu) Measure(string program, IReadOnlyList<string> arguments, string? cacheFolder)
    {
        var before = CpuTime.Now();
        var wall = TimedProcess.Run(program, arguments, cacheFolder is null ? null : new Dictionary<string, string> { ["SC_CACHE_DIR"] = cacheFolder });
        return (wall.TotalSeconds, (CpuTime.Now() - before).Children.TotalSeconds);
    }

    private static string FfmpegTools() => Dsl.Media.FfmpegTools.Version();
}
