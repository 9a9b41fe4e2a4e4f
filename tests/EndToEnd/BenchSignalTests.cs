using System.Diagnostics;
using System.Globalization;
using ScriptComposer.Tests.Support;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// Ctrl+C stops a real <c>sc bench SCRIPT</c> as it stops a render: exit 130 within moments, whatever the script's effect is
/// doing, and a second Ctrl+C before it has ended does no harm. The effect writes a "ready" file as it enters its endless part,
/// so the signal comes while the timings run the script's code.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BenchSignalTests(ITestOutputHelper output)
{
    private static string EffectDoing(string body) => $$"""
        var stuck = PixelEffect(cpu: (px, x, y, t) =>
        {
            if (x == 0 && y == 0) File.WriteAllText(Args["ready"], "");
            {{body}}
        }, name: "stuck");
        Render(Color(32, 24, "white").WithDuration(2).Apply(stuck), "out.mp4", fps: 10);
        """;

    [SkippableFact]
    public void Ctrl_C_stops_a_bench_whose_effect_loops_forever()
    {
        var (result, stopped) = Interrupt(EffectDoing("while (true) { }"), signals: 1);

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Cancelled", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("vs CPU", result.Stdout, StringComparison.Ordinal);
        FailureAssert.NoStackTrace(result);
        Assert.True(stopped < TimeSpan.FromSeconds(8), $"sc bench took {stopped.TotalSeconds:0.0} s to stop after SIGINT.");
    }

    [SkippableFact]
    public void A_second_Ctrl_C_while_the_effect_is_blocked_ends_it_with_130_and_no_crash()
    {
        // Blocked where no guard sees it: sc gives up on the work after its grace and ends.
        var (result, stopped) = Interrupt(EffectDoing("System.Threading.Thread.Sleep(600_000); return px;"), signals: 2);

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("did not stop within", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", result.Stderr, StringComparison.Ordinal);
        FailureAssert.NoStackTrace(result);
        Assert.True(stopped < TimeSpan.FromSeconds(8), $"sc bench took {stopped.TotalSeconds:0.0} s to stop after SIGINT.");
    }

    /// <summary>Runs <c>sc bench</c> on <paramref name="code"/>, sends SIGINT <paramref name="signals"/> times once the effect runs, and waits for it.</summary>
    private (ScResult Result, TimeSpan Stopped) Interrupt(string code, int signals)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Sends POSIX signals with kill(1).");
        using var folder = new TempFolder("bench-signal");
        var script = folder.Write("stuck.csx", code);
        var ready = folder["ready"];
        using var sc = ScRunner.StartInterruptible(["bench", script, "--backend", "cpu", "--set", $"ready={ready}"])
                       ?? throw new SkipException("SIGINT is ignored in this test run (started as a background job) and python3 is not there to restore it for sc.");
        var stderr = sc.StandardError.ReadToEndAsync();
        var stdout = sc.StandardOutput.ReadToEndAsync();
        TimeSpan stopped;
        try
        {
            WaitFor.FileAsync(ready, TimeSpan.FromSeconds(90), sc.WaitForExitAsync(), () => sc.HasExited ? $"sc exited with {sc.ExitCode}:\n{stderr.Result}" : "sc is still running")
                .GetAwaiter().GetResult();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < signals; i++)
            {
                if (i > 0)
                    Thread.Sleep(200);
                using var kill = Process.Start("kill", ["-s", "INT", sc.Id.ToString(CultureInfo.InvariantCulture)]);
                kill.WaitForExit();
            }
            if (!sc.WaitForExit(TimeSpan.FromSeconds(30)))
                Assert.Fail("sc bench did not stop within 30 s of SIGINT.");
            stopped = clock.Elapsed;
        }
        finally
        {
            if (!sc.HasExited) sc.Kill(entireProcessTree: true);
        }
        sc.WaitForExit();
        var result = new ScResult(sc.ExitCode, stdout.Result, stderr.Result);
        output.WriteLine($"stopped {stopped.TotalMilliseconds:0} ms after the first SIGINT\n{result}");
        return (result, stopped);
    }
}
