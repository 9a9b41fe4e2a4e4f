using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ScriptComposer.Gpu;

namespace ScriptComposer.Bench.Watch;

/// <summary>
/// <c>bench -- watch --process</c>: save-to-new-frame of a real <c>sc watch</c> process, started the way a user starts
/// it, timed from the write of the script until the process prints the reload's line (it does so once the new frame is
/// rendered and encoded for the page). The evaluation and frame times are the ones that line reports.
/// </summary>
public static partial class WatchProcessLatency
{
    private const int WarmupSaves = 5;

    /// <summary>Runs the watcher from <paramref name="scDll"/> through <paramref name="saves"/> timed saves and prints the table.</summary>
    public static async Task<int> RunAsync(string scDll, int saves, BackendKind backend, bool verbose)
    {
        var folder = Directory.CreateTempSubdirectory("sc-bench-watch-").FullName;
        var script = Path.Combine(folder, "scene.csx");
        await File.WriteAllTextAsync(script, WatchLatency.Write(0));
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { scDll, "watch", script, "--port", "0", "--backend", backend.ToString().ToLowerInvariant() })
            info.ArgumentList.Add(a);
        using var sc = Process.Start(info) ?? throw new InvalidOperationException("sc watch did not start.");
        _ = sc.StandardError.ReadToEndAsync();
        try
        {
            await WatchOutput.ReloadLine(sc, 1);
            // Builds before the fix started watching only after that line (a save right after it was missed).
            await Task.Delay(500);
            var samples = new List<(double Eval, double Frame, double Total, double Cpu)>();
            for (var i = 1; i <= saves + WarmupSaves; i++)
            {
                sc.Refresh();
                var cpu0 = sc.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                await File.WriteAllTextAsync(script, WatchLatency.Write(i));
                var line = await WatchOutput.ReloadLine(sc, i + 1);
                var total = clock.Elapsed.TotalMilliseconds;
                sc.Refresh();
                var cpu = (sc.TotalProcessorTime - cpu0).TotalMilliseconds;
                var match = ReloadTimes().Match(line);
                if (!match.Success)
                {
                    Console.Error.WriteLine($"save {i} did not reload: {line}");
                    return 1;
                }
                if (verbose)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"save {i,3}: total {total,6:0.0} ms  cpu {cpu,6:0.0} ms  | {line.Trim()}"));
                if (i > WarmupSaves)
                    samples.Add((Parse(match, "eval"), Parse(match, "frame"), total, cpu));
                // Let the file watcher settle, as between a person's saves.
                await Task.Delay(100);
            }
            WatchLatency.Report(
                $"sc watch save-to-new-frame, a real process ({scDll}), 1280x720, backend {backend.ToString().ToLowerInvariant()}, {saves} saves after {WarmupSaves} warm-up saves",
                samples);
            return 0;
        }
        finally
        {
            if (!sc.HasExited)
            {
                sc.Kill(entireProcessTree: true);
                await sc.WaitForExitAsync();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Parse(Match match, string group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@": ok\s+eval\s+(?<eval>[0-9.]+) ms\s+frame\s+(?<frame>[0-9.]+) ms")]
    private static partial Regex ReloadTimes();
}
