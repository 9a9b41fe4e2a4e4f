using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScriptComposer.Bench.Watch;
using ScriptComposer.Host.Commands;
using static ScriptComposer.Bench.BenchArgs;

namespace ScriptComposer.Bench.Soak;

/// <summary>
/// <c>bench -- soak [--renders N] [--saves N] [--warmup N]</c>: whether a long-lived sc grows. N short renders in this one
/// process through the library entry point (<see cref="ScCli.RunAsync"/>, as a host embedding sc would call it), cycling
/// through a plain clip, a frame generator, a pixel function and a script that fails; then a real <c>sc watch</c> process
/// given warm-up saves and N more. RSS, open file descriptors, threads and child processes are read from /proc at the
/// start, after the warm-up and at the end, and printed as markdown for bench/RESULTS.md.
/// </summary>
internal static class SoakRunner
{
    private static readonly string[] Scripts =
    [
        """Render(Color(64, 48, "#2050c0").WithDuration(0.2).FadeIn(0.1), Args["out"], preset: "ultrafast");""",
        """Render(Frames(64, 48, 0.2, (t, rgba) => { for (var i = 0; i < rgba.Length; i += 4) rgba[i] = (byte)(255 * t); }), Args["out"], preset: "ultrafast");""",
        """
        var tint = PixelEffect(cpu: (px, x, y, t) => new Float4(px.Z, px.Y, px.X, px.W));
        Render(Color(64, 48, "#2050c0").WithDuration(0.2).Apply(tint), Args["out"], preset: "ultrafast");
        """,
        """var broken = Color(-5, 48, "red");""",
    ];

    public static int Run(string[] args)
    {
        var renders = Option(args, "--renders", 1000);
        var saves = Option(args, "--saves", 200);
        var warmup = Option(args, "--warmup", 20);
        var folder = Directory.CreateTempSubdirectory("sc-bench-soak-").FullName;
        try
        {
            var report = new StringBuilder();
            if (renders > 0)
                report.Append(RendersAsync(folder, renders, warmup).GetAwaiter().GetResult());
            if (saves > 0)
                report.Append(WatchAsync(folder, saves, warmup).GetAwaiter().GetResult());
            Console.WriteLine();
            Console.WriteLine(report);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> RendersAsync(string folder, int renders, int warmup)
    {
        var scripts = Scripts.Select((code, i) => Path.Combine(folder, $"soak{i}.csx")).ToArray();
        for (var i = 0; i < scripts.Length; i++) await File.WriteAllTextAsync(scripts[i], Scripts[i]);
        var output = Path.Combine(folder, "soak.mp4");
        var start = ProcessSnapshot.Of(Environment.ProcessId);
        ProcessSnapshot? warm = null;
        var clock = Stopwatch.StartNew();
        var failures = 0;
        for (var i = 0; i < renders; i++)
        {
            var script = scripts[i % scripts.Length];
            var code = await ScCli.RunAsync(["render", script, "--backend", "cpu", "--set", $"out={output}"], TextWriter.Null, TextWriter.Null);
            var expected = script == scripts[^1] ? 1 : 0;
            if (code != expected)
                failures++;
            if (i + 1 == warmup)
                warm = Snapshot();
            if ((i + 1) % 100 == 0)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"render {i + 1}/{renders}: {Snapshot().Row("")}, {clock.Elapsed.TotalSeconds:0} s"));
        }
        var end = Snapshot();
        var leftovers = Directory.GetFiles(folder).Count(f => f.Contains(".partial", StringComparison.Ordinal));
        return string.Create(CultureInfo.InvariantCulture, $"""
            ### {renders} renders in one process (`ScCli.RunAsync`, CPU backend), {clock.Elapsed.TotalMinutes:0.0} min

            Four scripts in turn (a 64x48 fade, a frame generator, a pixel function, a script that throws); {failures} exit codes
            other than expected; {leftovers} partial files left. Measured after a full collection (`GC.Collect`), so RSS is what stays.

            {ProcessSnapshot.Header}
            {start.Row("start")}
            {(warm ?? start).Row($"after {warmup} renders")}
            {end.Row($"after {renders} renders")}

            RSS after warm-up to end: {(end.RssBytes - (warm ?? start).RssBytes) / 1048576.0:+0;-0} MiB.


            """);

        static ProcessSnapshot Snapshot()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return ProcessSnapshot.Of(Environment.ProcessId);
        }
    }

    private static async Task<string> WatchAsync(string folder, int saves, int warmup)
    {
        var script = Path.Combine(folder, "scene.csx");
        await File.WriteAllTextAsync(script, Scene(0));
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "sc.dll"), "watch", script, "--port", "0", "--backend", "cpu" })
            info.ArgumentList.Add(a);
        using var sc = Process.Start(info) ?? throw new InvalidOperationException("sc watch did not start.");
        _ = sc.StandardError.ReadToEndAsync();
        try
        {
            await WatchOutput.ReloadLine(sc, 1);
            var start = ProcessSnapshot.Of(sc.Id);
            var warm = start;
            var clock = Stopwatch.StartNew();
            var errors = 0;
            for (var i = 1; i <= warmup + saves; i++)
            {
                // A new color each time, and every tenth save a script error, as an editing session has.
                await File.WriteAllTextAsync(script, i % 10 == 0 ? Scene(i) + "\nvar broken = Color(-5, 4, \"red\");\n" : Scene(i));
                if (!(await WatchOutput.ReloadLine(sc, i + 1)).Contains(": ok", StringComparison.Ordinal))
                    errors++;
                if (i == warmup)
                {
                    warm = ProcessSnapshot.Of(sc.Id);
                    clock.Restart();
                }
                if (i % 50 == 0)
                    Console.WriteLine($"save {i}/{warmup + saves}: {ProcessSnapshot.Of(sc.Id).Row("")}");
            }
            var end = ProcessSnapshot.Of(sc.Id);
            return string.Create(CultureInfo.InvariantCulture, $"""
                ### `sc watch` (a real process, CPU backend, 1280x720 scene): {warmup} warm-up saves, then {saves} saves in {clock.Elapsed.TotalMinutes:0.0} min

                Each save waits for its reload line; every tenth save has a script error ({errors} reloads reported errors).

                {ProcessSnapshot.Header}
                {start.Row("after the first reload")}
                {warm.Row($"after {warmup} warm-up saves")}
                {end.Row($"after {saves} more saves")}

                RSS from warm-up to end: {(end.RssBytes - warm.RssBytes) / 1048576.0:+0;-0} MiB (the goal: at most +64 MiB).


                """);
        }
        finally
        {
            if (!sc.HasExited)
            {
                sc.Kill(entireProcessTree: true);
                await sc.WaitForExitAsync();
            }
        }
    }

    private static string Scene(int i) => string.Create(CultureInfo.InvariantCulture, $$"""
        var sky = Gradient.Linear(1280, 720, from: (0, 0), to: (0, 720), "#1e3c72", "#{{(0x40 + i * 7) % 256:x2}}52{{(0x98 + i * 13) % 256:x2}}");
        var card = Color(480, 270, "#ffcc00").At(t => (100 + 120 * t, 200)).Opacity(0.8).FadeIn(0.5).WithStart(1).WithDuration(5);
        var dots = Enumerable.Range(0, 12).Select(k => Color(40, 40, k % 2 == 0 ? "tomato" : "white").At(60 + 90 * k, 80));
        Render(Composite(1280, 720, new Clip[] { sky, card }.Concat(dots).ToArray()).WithDuration(8), "out/watch.mp4", fps: 30);
        """);
}
