using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// Times and other decimal options read the same on every machine: '.' is the decimal point and a comma is refused with the fix,
/// never taken as a thousands separator (<c>--at 1,5</c> was the frame at 15 s).
/// </summary>
public sealed partial class BadInputTests
{
    /// <summary>A 20 s clip whose red level tells its time: 10 per second.</summary>
    private const string Clock = """
        var clock = Frames(64, 48, 20, (t, image) => image.Fill(Rgb((int)(10 * t), 0, 0)));
        Render(clock, Args.Get("out", "out.mp4"), fps: 10);
        """;

    public static TheoryData<string, string, string, string> CommaOptions => new()
    {
        { "frame", "--at", "1,5", "write --at 1.5." },
        { "bench", "--at", "1,5", "write --at 1.5." },
        { "render", "--from", "1,5", "write --from 1.5." },
        { "render", "--to", "1,000,000", "write --to 1000000." },
        { "render", "--fps", "29,97", "write --fps 29.97." },
        { "watch", "--at", "1,5", "write --at 1.5." },
        { "watch", "--scale", "0,5", "write --scale 0.5." },
        { "watch", "--timeout", "2,5", "write --timeout 2.5." },
    };

    [SkippableTheory]
    [MemberData(nameof(CommaOptions))]
    public async Task A_comma_in_a_time_or_number_is_refused_naming_the_option_and_the_fix(string command, string option, string value, string fix)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("clock.csx", Clock);
        string[] args = command == "frame" ? ["frame", script, "-o", folder["f.png"]] : [command, script];

        var result = await ScRunner.RunAsync([.. args, option, value, "--backend", "cpu", "--set", $"out={folder["out.mp4"]}"]);

        FailureAssert.Clean(result, folder, folder["out.mp4"], $"{option} '{value}' has a comma", "'.' as the decimal point", fix);
        Assert.Equal(["clock.csx"], folder.Files());
        Assert.DoesNotContain("Usage:", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("1.5", 15)]
    [InlineData("15", 150)]
    [InlineData("1.5e1", 150)]
    [InlineData("0:01.5", 15)]
    [InlineData("00:00:15", 150)]
    public async Task A_time_with_a_decimal_point_or_as_a_clock_is_that_time(string at, int red)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("clock.csx", Clock);

        var result = await ScRunner.RunAsync("frame", script, "--at", at, "-o", folder["f.png"], "--backend", "cpu");

        Assert.True(result.ExitCode == 0, result.ToString());
        PixelCheck.AssertNear(RgbaImage.LoadPng(folder["f.png"]), 32, 24, new Rgba((byte)red, 0, 0), 1, $"the clock at --at {at}");
    }

    [SkippableTheory]
    [InlineData("frame", "--at", "1:75")]
    [InlineData("render", "--from", "1:2:3:4")]
    [InlineData("render", "--to", "a:b")]
    public async Task A_clock_that_is_no_time_is_refused_with_the_forms_a_time_takes(string command, string option, string value)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("clock.csx", Clock);
        string[] args = command == "frame" ? ["frame", script, "-o", folder["f.png"]] : [command, script];

        var result = await ScRunner.RunAsync([.. args, option, value, "--backend", "cpu", "--set", $"out={folder["out.mp4"]}"]);

        FailureAssert.Clean(result, folder, folder["out.mp4"], $"{option} '{value}' is not a time", $"{option} 1:05.5");
        Assert.DoesNotContain("System.", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("0:01", "0:01.5", 5)]
    public async Task A_range_given_as_clocks_renders_those_frames(string from, string to, int frames)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("clock.csx", Clock);

        var result = await ScRunner.RunAsync("render", script, "--from", from, "--to", to, "--backend", "cpu", "--set", $"out={folder["out.mp4"]}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(frames, MediaProbeTool.Probe(folder["out.mp4"]).FrameCount);
    }

    [SkippableFact]
    public async Task A_port_with_a_separator_is_refused_as_not_a_whole_number()
    {
        using var folder = new TempFolder("bad");
        var script = folder.Write("clock.csx", Clock);

        var result = await ScRunner.RunAsync("watch", script, "--port", "5,170");

        FailureAssert.Clean(result, folder, null, "--port '5,170' is not a whole number");
    }
}
