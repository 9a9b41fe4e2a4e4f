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
        var stderr = sc.StandardError.ReadToEndAsync();
        var stdout = sc.StandardOutput.ReadToEndAsync();
        try
        {
            // Both workers' encoders are running (processes have no event to wait for: /proc is asked until they are there).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
            while (ChildProcesses.FfmpegWithMarker(marker).Count < 2)
            {
                if (sc.HasExited)
                    Assert.Fail($"sc ended before it could be interrupted: exit code {sc.ExitCode}\n{await stderr}");
                Assert.True(DateTime.UtcNow < deadline, "Two workers were not encoding within 120 s.");
                await Task.Delay(100);
            }

            using (var kill = Process.Start("kill", ["-s", signal, sc.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            if (!sc.WaitForExit(TimeSpan.FromSeconds(30)))
                Assert.Fail($"sc --jobs did not stop within 30 s of SIG{signal}; it had written:\n{stderr.Result}\n{stdout.Result}");
        }
        finally
        {
            if (!sc.HasExited) sc.Kill(entireProcessTree: true);
        }
        var result = new ScResult(sc.ExitCode, await stdout, await stderr);
        Assert.True(result.ExitCode == 130, result.ToString());
        ChildProcesses.AssertNoneWithMarker(marker);
        FailureAssert.NoPartialFiles(folder);
        Assert.Equal(["long.csx"], folder.Files());
    }
}
