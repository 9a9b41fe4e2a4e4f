using System.Diagnostics;
using ScriptComposer.Tests.Support;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// Ctrl+C while sc waits on a helper it started outside the render's own encoder (ffprobe reading an input, the one-frame
/// ffmpeg trial of an unusual output) or while a render without a socket keeps its sound in a temporary file: sc ends
/// (exit 130) and takes them with it, whatever the script's thread is blocked in. Each test waits for the helper or the
/// file to be there before it interrupts; the helpers wait on a named pipe that nothing writes, so they never end alone.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InterruptedHelperProcessTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Ctrl_C_while_ffprobe_waits_on_an_input_ends_the_ffprobe_too()
    {
        using var folder = new TempFolder("helper");
        MakeFifo(folder["input.mp4"]);
        var script = folder.Write("probe.csx", """Render(Video("input.mp4"), "out.mp4");""");
        var marker = Guid.NewGuid().ToString("N");

        var result = InterruptWhen(["render", script, "--backend", "cpu"], MarkedEnvironment(folder, marker),
            () => ChildProcesses.FfmpegWithMarker(marker).Any(p => p.Name == "ffprobe"), "ffprobe to open the input");

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Cancelled", result.Stderr, StringComparison.Ordinal);
        ChildProcesses.AssertNoFfmpegWithMarker(marker);
    }

    [SkippableTheory]
    [InlineData("render")]
    [InlineData("check")]
    public void Ctrl_C_during_an_output_trial_ends_its_ffmpeg_and_removes_its_folder(string command)
    {
        using var folder = new TempFolder("helper");
        // A .nut output is settled by a trial; the attachment it is told to read keeps that trial waiting.
        MakeFifo(folder["attachment"]);
        var script = folder.Write("trial.csx", """
            Render(Color(64, 48, "red").WithDuration(1), "trial.nut", fps: 10, ffmpegArgs: new[] { "-attach", Args["attachment"] });
            """);
        var marker = Guid.NewGuid().ToString("N");
        var environment = MarkedEnvironment(folder, marker);

        var result = InterruptWhen([command, script, "--set", $"attachment={folder["attachment"]}"], environment,
            () => ChildProcesses.FfmpegWithMarker(marker).Any(p => p.CommandLine.Contains("sc-trial-", StringComparison.Ordinal)), "the trial's ffmpeg to start");

        Assert.Equal(130, result.ExitCode);
        ChildProcesses.AssertNoFfmpegWithMarker(marker);
        Assert.Empty(Directory.GetDirectories(environment["TMPDIR"]!, "sc-trial-*"));
        Assert.False(File.Exists(folder["trial.nut"]));
    }

    [SkippableFact]
    public void Ctrl_C_while_a_render_without_a_socket_is_blocked_removes_its_temporary_sound_file()
    {
        using var folder = new TempFolder("helper");
        var ready = folder["ready"];
        var script = folder.Write("sound.csx", """
            var clip = Frames(64, 48, 3, (t, rgba) =>
            {
                if (t >= 1)
                {
                    File.WriteAllText(Args["ready"], "");
                    System.Threading.Thread.Sleep(600_000);
                }
                rgba[0] = 255;
            }).WithAudio(Tone(440, 3));
            Render(clip, "out.mp4", preset: "ultrafast");
            """);
        var marker = Guid.NewGuid().ToString("N");
        var environment = MarkedEnvironment(folder, marker);
        // A socket's name holds about 100 bytes: under a temporary folder this deep sc gives ffmpeg the frames on a pipe,
        // and mixes the sound into a file beside the output first.
        environment["TMPDIR"] = Directory.CreateDirectory(Path.Combine(folder.Path, new string('d', 150))).FullName;

        var result = InterruptWhen(["render", script, "--backend", "cpu", "--set", $"ready={ready}"], environment, () =>
        {
            if (!File.Exists(ready))
                return false;
            Assert.True(Directory.GetFiles(folder.Path, ".out.partial-*.f32").Length == 1, "The render did not mix its sound into a file: it had a socket for its frames after all.");
            return true;
        }, "the frames to reach 1 s");

        Assert.Equal(130, result.ExitCode);
        FailureAssert.NoPartialFiles(folder);
        ChildProcesses.AssertNoFfmpegWithMarker(marker);
    }

    /// <summary>The marker to find sc's helpers by, and a temporary folder of the test's own.</summary>
    private static Dictionary<string, string?> MarkedEnvironment(TempFolder folder, string marker) => new()
    {
        [ChildProcesses.MarkerVariable] = marker,
        ["TMPDIR"] = Directory.CreateDirectory(folder["tmp"]).FullName,
    };

    private static void MakeFifo(string path)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Uses a named pipe and sends POSIX signals.");
        ToolRunner.RequireFfmpeg();
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>Starts sc, waits until <paramref name="ready"/> holds, sends SIGINT (as Ctrl+C does), and waits for sc to end.</summary>
    private ScResult InterruptWhen(string[] args, IReadOnlyDictionary<string, string?> environment, Func<bool> ready, string what)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Sends POSIX signals with kill(1) and reads /proc.");
        ToolRunner.RequireFfmpeg();
        var result = ScRunner.InterruptWhen(args, environment, ready, what);
        output.WriteLine(result.ToString());
        return result;
    }
}
