using System.Diagnostics;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Chunks;

/// <summary>
/// Ctrl+C (SIGINT) or SIGTERM to an <c>sc render --jobs</c> stops every worker and its encoder, removes the work dir it
/// made and every temporary file, and exits 130, as a one-process render does.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ChunkedSignalTests
{
    [SkippableTheory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Signal_to_jobs_parent_stops_every_worker_and_leaves_nothing(string signal)
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Sends POSIX signals with kill(1) and finds workers in /proc.");
        using var folder = new TempFolder("chunksig");
        // Every frame differs (a ten-minute fade), so no worker can finish before the signal.
        var script = folder.Write("long.csx", """Render(Color(640, 360, "red").WithDuration(600).FadeIn(600), "long.mp4", preset: "slow");""");
        var marker = Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string?> { [ChildProcesses.MarkerVariable] = marker };
        using var sc = signal == "INT"
            ? ScRunner.StartInterruptible(["render", script, "--backend", "cpu", "--jobs", "2"], environment)
            : ScRunner.Start(["render", script, "--backend", "cpu", "--jobs", "2"], environment);
        Skip.If(sc is null, "SIGINT is ignored in this test run and python3, which restores it for the child, is not installed.");
        // Both workers' encoders are running.
        var result = await SignalOnceEncoding(sc, marker, encoders: 2, TimeSpan.FromSeconds(120), signal, group: false);
        Assert.True(result.ExitCode == 130, result.ToString());
        ChildProcesses.AssertNoneWithMarker(marker);
        FailureAssert.NoPartialFiles(folder);
        Assert.Equal(["long.csx"], folder.Files());
    }

    [SkippableFact]
    public async Task Ctrl_c_in_the_terminal_during_the_join_ends_130_and_writes_nothing()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Sends POSIX signals to a process group with kill(1) and finds ffmpeg in /proc.");
        using var folder = new TempFolder("joinsig");
        // Ten minutes of sound under a tiny picture: the chunks render in seconds, and the join mixes and encodes for long enough to be stopped.
        var script = folder.Write("long.csx", """Render(Composite(16, 16, Color(16, 16, "red"), Tone(440, 600, 0.2)).WithDuration(600), "long.mp4", fps: 1, preset: "ultrafast");""");
        var work = folder["work"];
        for (var i = 0; i < 2; i++)
            Assert.Equal(0, (await ScRunner.RunAsync("render", script, "--backend", "cpu", "--chunk", $"{i}/2", "--work-dir", work)).ExitCode);
        var marker = Guid.NewGuid().ToString("N");
        using var sc = ScRunner.StartAsTerminalGroup(["join", work], new Dictionary<string, string?> { [ChildProcesses.MarkerVariable] = marker });
        Skip.If(sc is null, "python3, which starts sc in a process group of its own, is not installed.");
        // The join's ffmpeg is running, and has been reading the sound for a moment.
        var result = await SignalOnceEncoding(sc, marker, encoders: 1, TimeSpan.FromSeconds(60), "INT", group: true, settle: TimeSpan.FromMilliseconds(300));
        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Contains("Cancelled", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be written", result.Stderr, StringComparison.Ordinal);
        ChildProcesses.AssertNoneWithMarker(marker);
        FailureAssert.NoPartialFiles(folder);
        Assert.False(File.Exists(folder["long.mp4"]));
    }

    /// <summary>
    /// Waits until <paramref name="encoders"/> ffmpeg processes carry <paramref name="marker"/> (processes have no event to
    /// wait for: /proc is asked until they are there), then <paramref name="settle"/> longer, sends SIG<paramref name="signal"/>
    /// to sc (or, with <paramref name="group"/>, to its whole process group, as a terminal's Ctrl+C does), and returns what
    /// sc did once it ended (killed, and failed, if not within 30 s).
    /// </summary>
    private static async Task<ScResult> SignalOnceEncoding(Process sc, string marker, int encoders, TimeSpan startWithin, string signal, bool group,
        TimeSpan settle = default)
    {
        var stderr = sc.StandardError.ReadToEndAsync();
        var stdout = sc.StandardOutput.ReadToEndAsync();
        try
        {
            var deadline = DateTime.UtcNow + startWithin;
            while (ChildProcesses.FfmpegWithMarker(marker).Count < encoders)
            {
                if (sc.HasExited)
                    Assert.Fail($"sc ended before it could be interrupted: exit code {sc.ExitCode}\n{await stderr}");
                Assert.True(DateTime.UtcNow < deadline, $"{encoders} encoder(s) were not running within {startWithin.TotalSeconds:0} s.");
                await Task.Delay(50);
            }
            await Task.Delay(settle);

            var pid = sc.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using (var kill = Process.Start("kill", group ? ["-s", signal, "--", "-" + pid] : ["-s", signal, pid]))
                await kill.WaitForExitAsync();
            if (!sc.WaitForExit(TimeSpan.FromSeconds(30)))
                Assert.Fail($"sc did not stop within 30 s of SIG{signal}{(group ? " to its group" : "")}; it had written:\n{stderr.Result}\n{stdout.Result}");
        }
        finally
        {
            if (!sc.HasExited) sc.Kill(entireProcessTree: true);
        }
        return new ScResult(sc.ExitCode, await stdout, await stderr);
    }
}
