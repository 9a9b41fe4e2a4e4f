using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>Command-line values that cannot be what they name, and sizes with one possible fix.</summary>
public sealed partial class BadInputTests
{
    [SkippableTheory]
    [InlineData("--from", "NaN")]
    [InlineData("--from", "Infinity")]
    [InlineData("--to", "NaN")]
    [InlineData("--to", "-Infinity")]
    [InlineData("--fps", "NaN")]
    [InlineData("--fps", "Infinity")]
    public async Task Not_a_number_for_a_time_or_rate_is_refused_naming_the_option(string option, string value)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, _, output) = await Render(folder, """
            Render(Color(320, 240, "red").WithDuration(2), Args["out"]);
            """, option, value);
        FailureAssert.Clean(result, folder, output, $"{option} {value} is not a");
        Assert.DoesNotContain("--from  ", result.Stderr, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("--from", "-1", "--from -1 is before the start")]
    [InlineData("--to", "0", "--to 0 ends before the first frame")]
    [InlineData("--fps", "0.0001", "from 0.001 to 1000")]
    public async Task Impossible_time_or_rate_is_refused_naming_only_that_option(string option, string value, string message)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, _, output) = await Render(folder, """
            Render(Color(320, 240, "red").WithDuration(2), Args["out"]);
            """, option, value);
        FailureAssert.Clean(result, folder, output, message);
        Assert.DoesNotContain(option == "--from" ? "--to" : "--from", result.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_range_past_the_end_says_which_options_selected_nothing()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, _, output) = await Render(folder, """
            Render(Color(320, 240, "red").WithDuration(2), Args["out"]);
            """, "--from", "5");
        FailureAssert.Clean(result, folder, output, "--from 5 selects no frames");
        Assert.DoesNotContain("--to", result.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_thousandth_of_a_frame_per_second_renders()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, _, output) = await Render(folder, """
            Render(Color(320, 240, "red").WithDuration(2), Args["out"], preset: "ultrafast");
            """, "--fps", "0.001");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, MediaProbeTool.Probe(output).FrameCount);
    }

    [SkippableTheory]
    [InlineData("7")]
    [InlineData("gpu")]
    public async Task A_backend_that_is_not_one_is_refused(string backend)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("bad.csx", """Render(Color(320, 240, "red").WithDuration(1), "out.mp4");""");

        var result = await ScRunner.RunAsync("render", script, "--backend", backend);

        FailureAssert.Clean(result, folder, folder["out.mp4"], $"--backend '{backend}' is not a backend", "auto, cpu or cuda");
    }

    [SkippableFact]
    public async Task A_backend_named_in_capitals_is_still_that_backend()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("ok.csx", """Render(Color(64, 48, "red").WithDuration(0.2), "out.mp4", preset: "ultrafast");""");

        var result = await ScRunner.RunAsync("render", script, "--backend", "CPU");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("backend cpu", result.Stderr, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(1, 1, "Use 2x2.")]
    [InlineData(3, 1, "Use 4x2.")]
    [InlineData(1, 4, "Use 2x4.")]
    [InlineData(5, 3, "Use 6x4 or 4x2.")]
    public async Task A_size_too_small_to_round_down_suggests_only_the_even_size_above(int width, int height, string suggestion)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, _, output) = await Render(folder, $$"""
            Render(Color({{width}}, {{height}}, "red").WithDuration(1), Args["out"]);
            """);
        FailureAssert.Clean(result, folder, output, $"{width}x{height}", "even", suggestion);
        Assert.DoesNotContain("x0", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("0x", result.Stderr, StringComparison.Ordinal);
    }
}
