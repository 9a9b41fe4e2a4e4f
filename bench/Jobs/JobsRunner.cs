using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScriptComposer.Bench.EndToEnd;
using static ScriptComposer.Bench.BenchArgs;

namespace ScriptComposer.Bench.Jobs;

/// <summary>
/// <c>bench -- jobs [--runs N] [--only NAME] [--no-slurm]</c>: each reference composition rendered by the whole <c>sc render</c>
/// command in one process, with <c>--jobs 2</c> and <c>--jobs 4</c> (worker processes, joined), and with <c>--slurm --chunks 4</c>
/// on the local one-node cluster (<c>scripts/slurm-one-node start</c>) when <c>sinfo</c> answers; rounds alternate the order,
/// medians of wall-clock time, and each one's speed as a ratio to one process. The compiled-script cache is warm (a first,
/// untimed render fills it), as for a user rendering again.
/// </summary>
internal static class JobsRunner
{
    public static int Run(string[] args)
    {
        var runs = Option(args, "--runs", 3);
        var only = Option(args, "--only");
        var slurm = !args.Contains("--no-slurm") && SlurmAnswers();
        var media = Path.Combine(Repository.Bench, "artifacts", "e2e", "media");
        var outputs = Path.Combine(Repository.Bench, "artifacts", "jobs");
        Directory.CreateDirectory(outputs);
        MediaSetup.Ensure(media);
        var sc = BuildSc();
        var cache = Directory.CreateTempSubdirectory("sc-bench-jobs-cache-").FullName;
        var environment = new Dictionary<string, string> { ["SC_CACHE_DIR"] = cache };

        var ways = new List<(string Name, string[] Extra)> { ("1 process", []), ("--jobs 2", ["--jobs", "2"]), ("--jobs 4", ["--jobs", "4"]) };
        if (slurm) ways.Add(("--slurm --chunks 4", ["--slurm", "--chunks", "4"]));
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"`sc render` as one process, with local workers and on the one-node Slurm cluster ({Environment.ProcessorCount} cores); {runs} rounds, medians of wall-clock seconds; x = one process's time / this time");
        report.AppendLine();
        report.AppendLine("| composition | " + string.Join(" | ", ways.Select(w => w.Name)) + " |");
        report.AppendLine("|---|" + string.Concat(ways.Select(_ => "---:|")));
        try
        {
            foreach (var composition in Compositions.All.Where(c => only is null || c.Name == only))
            {
                Console.WriteLine($"== {composition.Name}");
                var script = Path.Combine(Repository.Bench, "scripts", composition.Script);
                var output = Path.Combine(outputs, $"{composition.Name}.mp4");
                var sets = new Dictionary<string, string> { ["media"] = media, ["out"] = output, ["preset"] = "veryfast", ["threads"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) };
                string[] common = [sc, "render", script, "--backend", "cpu", .. sets.SelectMany(s => new[] { "--set", $"{s.Key}={s.Value}" })];
                TimedProcess.Run("dotnet", common, environment);
                var times = ways.ToDictionary(w => w.Name, _ => new List<double>());
                for (var round = 0; round < runs; round++)
                {
                    var order = round % 2 == 0 ? ways : ways.AsEnumerable().Reverse().ToList();
                    foreach (var (name, extra) in order)
                        times[name].Add(TimedProcess.Run("dotnet", [.. common, .. extra], environment).TotalSeconds);
                    Console.WriteLine("   round " + (round + 1) + ": " + string.Join(", ", ways.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Name} {times[w.Name][^1]:0.00} s"))));
                }
                var one = Median(times["1 process"]);
                var line = $"| {composition.Name} | " + string.Join(" | ", ways.Select(w => Median(times[w.Name]) is var t
                    ? string.Create(CultureInfo.InvariantCulture, $"{t:0.00} s ({one / t:0.00}x)") : "")) + " |";
                report.AppendLine(line);
                Console.WriteLine(line);
            }
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
        var results = Path.Combine(outputs, "results.md");
        File.WriteAllText(results, report.ToString());
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine($"(also written to {results})");
        return 0;
    }

    private static bool SlurmAnswers()
    {
        try
        {
            using var sinfo = Process.Start(new ProcessStartInfo("sinfo", ["-h", "-o", "%t"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var state = sinfo.StandardOutput.ReadToEnd();
            sinfo.WaitForExit();
            if (sinfo.ExitCode == 0 && state.Contains("idle", StringComparison.Ordinal))
                return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
        Console.WriteLine("No Slurm cluster answers (sinfo); start one with scripts/slurm-one-node start to time --slurm too.");
        return false;
    }

    /// <summary>The ReadyToRun sc that <c>scripts/sc</c> builds (and rebuilds when the sources changed).</summary>
    private static string BuildSc()
    {
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", "sc"), ["--version"]) { UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/sc --version failed ({process.ExitCode}).");
        return Path.Combine(Repository.Root, "artifacts", "sc", "sc.dll");
    }
}
