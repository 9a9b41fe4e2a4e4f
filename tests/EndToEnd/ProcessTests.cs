using System.Diagnostics;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// sc as a real process (dotnet sc.dll): the real exit code, a changed environment (no ffmpeg), signals, and no ffmpeg
/// outliving it (found by a marker in the environment ffmpeg inherits, which survives ffmpeg being orphaned).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ProcessTests
{
    private static Dictionary<string, string?> Marked(string marker, params (string Key, string? Value)[] more)
    {
        var env = new Dictionary<string, string?> { [ChildProcesses.MarkerVariable] = marker };
        foreach (var (k, v) in more) env[k] = v;
        return env;
    }

    [SkippableFact]
    public void Render_exits_zero_and_no_ffmpeg_outlives_it()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("proc");
        var script = folder.Write("ok.csx", """Render(Color(320, 240, "red").WithDuration(1), "ok.mp4", preset: "ultrafast");""");
        var marker = Guid.NewGuid().ToString("N");
        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu"], Marked(marker));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(30, MediaProbeTool.Probe(folder["ok.mp4"]).FrameCount);
        ChildProcesses.AssertNoFfmpegWithMarker(marker);
    }

    [SkippableFact]
    public void Missing_script_exit_code_is_one()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("proc");
        var result = ScRunner.RunProcess(["render", folder["nope.csx"]]);
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("does not exist", result.Stderr);
        FailureAssert.NoStackTrace(result);
    }

    [SkippableTheory]
    [InlineData("SC_FFMPEG_DIR", false)]
    [InlineData("SC_FFMPEG_DIR", true)]
    [InlineData("PATH", false)]
    [InlineData("PATH", true)]
    public void Ffmpeg_missing_says_how_to_install_it(string how, bool withVideoInput)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("proc");
        using var empty = new TempFolder("empty-bin");
        // The video is made before ffmpeg "disappears".
        if (withVideoInput) TestMedia.SolidColor(folder, "red.mp4", "red", 320, 240, 1);
        var script = folder.Write("s.csx", withVideoInput
            ? """Render(Video("red.mp4"), "out.mp4");"""
            : """Render(Color(320, 240, "red").WithDuration(1), "out.mp4");""");
        var env = how == "PATH"
            ? Marked("unused", ("PATH", empty.Path), ("SC_FFMPEG_DIR", null))
            : Marked("unused", ("SC_FFMPEG_DIR", empty.Path));

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu"], env);

        var tool = withVideoInput ? "ffprobe" : "ffmpeg";
        FailureAssert.Clean(result, folder, folder["out.mp4"], tool, how == "PATH" ? "PATH" : "SC_FFMPEG_DIR");
        Assert.True(result.Stderr.Contains("apt-get install ffmpeg", StringComparison.Ordinal) || how != "PATH",
            $"Without ffmpeg on PATH the message should say how to install it.\n{result}");
    }

    [SkippableTheory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void Signal_mid_render_cancels_and_leaves_nothing(string signal)
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Sends POSIX signals with kill(1).");
        Skip.If(signal == "INT" && ScRunner.InheritsIgnoredSigint(),
            "SIGINT is ignored in this test run (it was started as a background job, which ignores Ctrl+C), and sc, like every program, " +
            "inherits that; run the tests in the foreground to check Ctrl+C.");
        using var folder = new TempFolder("proc");
        // Long and large enough that it cannot finish between the first bytes of the output and the signal.
        var script = folder.Write("long.csx", """Render(Color(640, 360, "red").WithDuration(1800), "long.mp4", preset: "slow");""");
        var marker = Guid.NewGuid().ToString("N");
        using var sc = ScRunner.Start(["render", script, "--backend", "cpu"], Marked(marker));
        var stderr = sc.StandardError.ReadToEndAsync();
        var stdout = sc.StandardOutput.ReadToEndAsync();
        try
        {
            // The encoder has started writing the output's temporary file.
            WaitFor.WrittenFileAsync(folder.Path, f => f.Name.Contains(".partial", StringComparison.Ordinal), TimeSpan.FromSeconds(60), sc.WaitForExitAsync(),
                () => sc.HasExited ? $"sc ended before it could be interrupted: exit code {sc.ExitCode}\n{stderr.Result}" : "sc is still running").GetAwaiter().GetResult();
            Assert.NotEmpty(ChildProcesses.FfmpegWithMarker(marker));

            using (var kill = Process.Start("kill", ["-s", signal, sc.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            if (!sc.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                sc.Kill(entireProcessTree: true);
                sc.WaitForExit();
                Assert.Fail($"sc did not stop within 30 s of SIG{signal}; it had written:\n{stderr.Result}\n{stdout.Result}");
            }
        }
        finally
        {
            if (!sc.HasExited) sc.Kill(entireProcessTree: true);
        }
        var result = new ScResult(sc.ExitCode, stdout.Result, stderr.Result);
        FailureAssert.Clean(result, folder, folder["long.mp4"], "Cancelled");
        Assert.Equal(["long.csx"], folder.Files());
        ChildProcesses.AssertNoFfmpegWithMarker(marker);
    }
}
