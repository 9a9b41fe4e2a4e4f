using ScriptComposer.Tests.Support;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// Threads a script starts itself, as a real <c>sc</c> sees them: an exception none of its code catches is an error at the
/// script's line (exit 1, everything cleaned up) instead of a crash, and a thread still running when the command is done
/// does not keep sc from ending with the command's exit code.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScriptThreadProcessTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void An_exception_no_code_catches_on_a_script_thread_is_an_error_at_its_line_and_leaves_nothing_behind()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("thread");
        // The thread throws once the render is under way (its frames have reached 1 s), while the render is blocked.
        var script = folder.Write("thread.csx", """
            var failing = new System.Threading.Thread(() =>
            {
                while (!File.Exists(Args["ready"])) System.Threading.Thread.Sleep(20);
                throw new InvalidOperationException("late background failure");
            }) { IsBackground = true };
            failing.Start();
            var clip = Frames(64, 48, 3, (t, rgba) =>
            {
                if (t >= 1)
                {
                    File.WriteAllText(Args["ready"], "");
                    System.Threading.Thread.Sleep(600_000);
                }
                rgba[0] = 255;
            });
            Render(clip, "out.mp4", preset: "ultrafast");
            """);
        var marker = Guid.NewGuid().ToString("N");
        var temporary = Directory.CreateDirectory(folder["tmp"]).FullName;

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu", "--set", $"ready={folder["ready"]}"],
            new Dictionary<string, string?> { [ChildProcesses.MarkerVariable] = marker, ["TMPDIR"] = temporary });

        output.WriteLine(result.ToString());
        Assert.True(File.Exists(folder["ready"]), "The frames never reached 1 s.");
        Assert.Equal(1, result.ExitCode);
        FailureAssert.Clean(result, folder, folder["out.mp4"], $"{script}(4): error: late background failure", "InvalidOperationException", "thread");
        ChildProcesses.AssertNoFfmpegWithMarker(marker);
        Assert.Empty(Directory.GetFileSystemEntries(temporary, "sc-*"));
    }

    [SkippableTheory]
    [InlineData("render")]
    [InlineData("frame")]
    [InlineData("check")]
    public void A_thread_the_script_leaves_running_does_not_keep_sc_from_ending(string command)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("thread");
        var script = folder.Write("thread.csx", """
            new System.Threading.Thread(() => System.Threading.Thread.Sleep(600_000)).Start();
            Render(Color(64, 48, "red").WithDuration(1), "out.mp4", fps: 10, preset: "ultrafast");
            """);
        string[] args = command switch
        {
            "frame" => ["frame", script, "--at", "0.5", "-o", folder["frame.png"], "--backend", "cpu"],
            "check" => ["check", script],
            _ => ["render", script, "--backend", "cpu"],
        };

        // Without an end of its own, sc would wait for the thread's 10 minutes: the runner gives up (and fails) long before.
        var result = ScRunner.RunProcess(args, timeout: TimeSpan.FromSeconds(120));

        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        if (command == "render") Assert.True(File.Exists(folder["out.mp4"]), result.ToString());
        if (command == "frame") Assert.True(File.Exists(folder["frame.png"]), result.ToString());
    }
}
