using System.Diagnostics;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// An output far longer than anyone renders (a Loop count or Speed factor off by powers of ten) is refused at its Render line at
/// once, by render and check alike, instead of planning and mixing without end; and a long check stops at Ctrl+C, saying so.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LongOutputTests
{
    public static TheoryData<string, string> TooLong => new()
    {
        { "render", "Color(64, 48, \"red\").WithDuration(1e18)" },
        { "check", "Color(64, 48, \"red\").WithDuration(1e300)" },
        { "check", "Color(64, 48, \"red\").WithDuration(1).WithAudio(Tone(440, 1)).Loop(seconds: 1e7)" },
        { "render", "Color(64, 48, \"red\").WithDuration(0.5).WithAudio(Tone(440, 0.5)).Loop(1000000000)" },
        { "render", "Color(64, 48, \"red\").WithDuration(2).WithAudio(Tone(440, 2)).Speed(1e-6)" },
    };

    [SkippableTheory]
    [MemberData(nameof(TooLong))]
    public async Task An_output_longer_than_seven_days_is_refused_at_its_Render_line_at_once(string command, string clip)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("long");
        var script = folder.Write("long.csx", $"var unused = 1;\nRender({clip}, \"out.mp4\", fps: 10);\n");
        var clock = Stopwatch.StartNew();

        var result = await ScRunner.RunAsync(command == "render" ? ["render", script, "--backend", "cpu"] : ["check", script]);

        FailureAssert.Clean(result, folder, folder["out.mp4"], $"{script}(2): error:", "at most 7 days", "Loop");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"Took {clock.Elapsed}.\n{result}");
        Assert.Equal(["long.csx"], folder.Files());
    }

    [SkippableFact]
    public async Task Sound_that_is_too_long_is_refused_at_its_RenderAudio_line()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("long");
        var script = folder.Write("long.csx", "var unused = 1;\nRenderAudio(Tone(440, 1).Loop(seconds: 1e9), \"out.wav\");\n");

        var result = await ScRunner.RunAsync("check", script);

        FailureAssert.Clean(result, folder, folder["out.wav"], $"{script}(2): error:", "at most 7 days");
    }

    [SkippableFact]
    public void Ctrl_C_stops_the_planning_of_a_long_check_and_says_it_was_cancelled()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Sends SIGINT with kill(1).");
        using var folder = new TempFolder("long");
        var ready = folder["ready"];
        // Six days at 1000 fps: half a billion frames to plan, far more than the test waits for.
        var script = folder.Write("long.csx", $"""
            Render(Color(64, 48, "red").WithDuration(6 * 24 * 3600), "out.mp4", fps: 1000);
            System.IO.File.WriteAllText(Args["ready"], "");
            """);
        // A second after the script ran: into the planning.
        var result = ScRunner.InterruptWhen(["check", script, "--set", $"ready={ready}"], null, () => File.Exists(ready), "the script to run", TimeSpan.FromSeconds(1));
        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Cancelled; no output was left behind.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("did not stop", result.Stderr, StringComparison.Ordinal);
    }
}
