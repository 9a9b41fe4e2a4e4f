using System.Diagnostics;
using System.Globalization;
using ScriptComposer.Tests.Support;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// Script code that would never end, or would end the process, as a real <c>sc</c> sees it: Ctrl+C and SIGTERM stop a
/// render whatever the script is doing (exit 130), endless recursion and <c>Environment.Exit</c> are errors at the
/// script's line, and none of them leaves a partial output or an ffmpeg behind. A script that gets far enough to start
/// the encoder writes a "ready" file first, so the test acts while a partial output exists, without timing guesses.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScriptGuardProcessTests(ITestOutputHelper output)
{
    /// <summary>Frames that run <paramref name="body"/> (a statement) once the clip reaches 1 s, after writing the ready file.</summary>
    private static string FramesDoing(string body) => $$"""
        var clip = Frames(64, 48, 3, (t, rgba) =>
        {
            if (t >= 1)
            {
                File.WriteAllText(Args["ready"], "");
                {{body}}
            }
            rgba[0] = 255;
        });
        Render(clip, "out.mp4", preset: "ultrafast");
        """;

    public static TheoryData<string, string> Endless => new()
    {
        { "INT", "script" },
        { "TERM", "script" },
        { "INT", "frames" },
        { "TERM", "frames" },
        { "INT", "pixels" },
        { "INT", "blocked" },
    };

    private static string EndlessScript(string where) => where switch
    {
        "script" => """
            File.WriteAllText(Args["ready"], "");
            var n = 0L;
            while (true)
                n++;
            """,
        "frames" => FramesDoing("while (true) { rgba[1]++; }"),
        "pixels" => """
            var spin = PixelEffect(cpu: (px, x, y, t) =>
            {
                if (t >= 1)
                {
                    if (x == 0 && y == 0) File.WriteAllText(Args["ready"], "");
                    while (true) { }
                }
                return px;
            });
            Render(Color(64, 48, "red").WithDuration(3).Apply(spin), "out.mp4", preset: "ultrafast");
            """,
        // Blocked where no guard can see it: sc gives up on it and still cleans up as it ends.
        "blocked" => FramesDoing("System.Threading.Thread.Sleep(600_000);"),
        _ => throw new ArgumentOutOfRangeException(nameof(where)),
    };

    [SkippableTheory]
    [MemberData(nameof(Endless))]
    public void A_signal_stops_a_render_whatever_the_script_is_doing(string signal, string where)
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Sends POSIX signals with kill(1) and reads /proc.");
        using var folder = new TempFolder("guard");
        var script = folder.Write("endless.csx", EndlessScript(where));
        var ready = folder["ready"];
        var marker = Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string?> { [ChildProcesses.MarkerVariable] = marker };
        using var sc = (signal == "INT" ? ScRunner.StartInterruptible(["render", script, "--backend", "cpu", "--set", $"ready={ready}"], environment)
                                        : ScRunner.Start(["render", script, "--backend", "cpu", "--set", $"ready={ready}"], environment))
                       ?? throw new SkipException("SIGINT is ignored in this test run (started as a background job) and python3 is not there to restore it for sc.");
        var stderr = sc.StandardError.ReadToEndAsync();
        var stdout = sc.StandardOutput.ReadToEndAsync();
        TimeSpan stopped;
        try
        {
            // The script writes the file as it enters its endless part.
            WaitFor.FileAsync(ready, TimeSpan.FromSeconds(90), sc.WaitForExitAsync(), () => sc.HasExited ? $"sc exited with {sc.ExitCode}:\n{stderr.Result}" : "sc is still running")
                .GetAwaiter().GetResult();
            // The encoder has its first frames; it makes the output's temporary file as soon as it has read them (under load, a little later).
            if (where != "script")
                WaitFor.WrittenFileAsync(folder.Path, f => f.Name.Contains(".partial", StringComparison.Ordinal), TimeSpan.FromSeconds(60), sc.WaitForExitAsync(),
                    () => sc.HasExited ? $"sc exited with {sc.ExitCode}:\n{stderr.Result}" : "sc is still running").GetAwaiter().GetResult();

            var clock = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-s", signal, sc.Id.ToString(CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            if (!sc.WaitForExit(TimeSpan.FromSeconds(30)))
                Assert.Fail($"sc did not stop within 30 s of SIG{signal} while the script looped in the {where}.");
            stopped = clock.Elapsed;
        }
        finally
        {
            if (!sc.HasExited) sc.Kill(entireProcessTree: true);
        }
        var result = new ScResult(sc.ExitCode, stdout.Result, stderr.Result);
        output.WriteLine($"SIG{signal}, endless {where}: stopped in {stopped.TotalMilliseconds:0} ms\n{result}");
        Assert.Equal(130, result.ExitCode);
        FailureAssert.Clean(result, folder, folder["out.mp4"], "Cancelled");
        Assert.DoesNotContain(folder.Files(), f => f.Contains(".partial", StringComparison.Ordinal) || f == "out.mp4");
        ChildProcesses.AssertNoFfmpegWithMarker(marker);
    }

    [SkippableTheory]
    [InlineData("method", "int Deeper(int n)\n{\n    return Deeper(n + 1) + 1;\n}\nvar depth = Deeper(0);\nRender(Color(64, 48, \"red\").WithDuration(1), \"out.mp4\");\n", 3)]
    [InlineData("lambda", "Func<int, int> deeper = null;\ndeeper = n => deeper(n + 1) + 1;\nvar depth = deeper(0);\nRender(Color(64, 48, \"red\").WithDuration(1), \"out.mp4\");\n", 2)]
    [InlineData("void lambda", "Action again = null;\nagain = () => again();\nagain();\n", 2)]
    [InlineData("property", "int Forever => Forever;\nvar x = Forever;\n", 1)]
    public void Endless_recursion_is_an_error_at_its_line(string kind, string code, int line)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("guard");
        var script = folder.Write("deep.csx", code);

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu"]);

        output.WriteLine($"{kind}: {result}");
        Assert.Equal(1, result.ExitCode);
        FailureAssert.Clean(result, folder, folder["out.mp4"], $"{script}({line}): error: the script recursed too deeply");
    }

    [SkippableFact]
    public void Endless_recursion_in_a_frame_generator_leaves_no_partial_output()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("guard");
        var script = folder.Write("deep.csx", "static int Deeper(int n) => Deeper(n + 1) + 1;\n" + FramesDoing("Deeper(0);"));
        var marker = Guid.NewGuid().ToString("N");

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu", "--set", $"ready={folder["ready"]}"],
            new Dictionary<string, string?> { [ChildProcesses.MarkerVariable] = marker });

        output.WriteLine(result.ToString());
        Assert.True(File.Exists(folder["ready"]), "The generator never reached 1 s.");
        Assert.Equal(1, result.ExitCode);
        FailureAssert.Clean(result, folder, folder["out.mp4"], $"{script}(1)", "recursed too deeply");
        ChildProcesses.AssertNoFfmpegWithMarker(marker);
    }

    [SkippableTheory]
    [InlineData("Environment.Exit(3);", "Environment.Exit(3)")]
    [InlineData("Environment.FailFast(\"gave up\");", "Environment.FailFast")]
    [InlineData("System.Diagnostics.Process.GetCurrentProcess().Kill();", "Process.Kill()")]
    public void Ending_the_process_from_the_script_is_an_error_at_its_line(string call, string named)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("guard");
        var script = folder.Write("exit.csx", $"var clip = Color(64, 48, \"red\").WithDuration(1);\nif (clip.Width > 0)\n    {call}\nRender(clip, \"out.mp4\");\n");

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu"]);

        Assert.Equal(1, result.ExitCode);
        FailureAssert.Clean(result, folder, folder["out.mp4"], $"{script}(3): error: the script called {named}", "Remove the call");
    }

    [SkippableFact]
    public void Environment_Exit_in_a_frame_generator_stops_the_script_and_leaves_no_partial_output()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("guard");
        var script = folder.Write("exit.csx", FramesDoing("Environment.Exit(4);"));
        var marker = Guid.NewGuid().ToString("N");

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu", "--set", $"ready={folder["ready"]}"],
            new Dictionary<string, string?> { [ChildProcesses.MarkerVariable] = marker });

        Assert.True(File.Exists(folder["ready"]), "The generator never reached 1 s.");
        Assert.Equal(1, result.ExitCode);
        FailureAssert.Clean(result, folder, folder["out.mp4"], $"{script}(6)", "Environment.Exit(4)");
        ChildProcesses.AssertNoFfmpegWithMarker(marker);
    }

    [SkippableFact]
    public void Environment_Exit_out_of_sight_of_the_guard_still_cleans_up_and_says_what_happened()
    {
        // Called through reflection (as a library the script uses would call it), so the woven replacement cannot catch it.
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("guard");
        var script = folder.Write("exit.csx", FramesDoing("typeof(Environment).GetMethod(\"Exit\")!.Invoke(null, new object[] { 5 });"));
        var marker = Guid.NewGuid().ToString("N");

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu", "--set", $"ready={folder["ready"]}"],
            new Dictionary<string, string?> { [ChildProcesses.MarkerVariable] = marker });

        output.WriteLine(result.ToString());
        Assert.True(File.Exists(folder["ready"]), "The generator never reached 1 s.");
        Assert.Equal(5, result.ExitCode);
        FailureAssert.Clean(result, folder, folder["out.mp4"], "ended by Environment.Exit(5) before the command finished", "removed 1 unfinished output");
        ChildProcesses.AssertNoFfmpegWithMarker(marker);
    }
}
