using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>Exact frame counts for rational frame rates, and the frames --fps, --from and --to select.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class FrameRateTests
{
    private static string Script(double seconds, string fps) => $$"""
        Render(Color(320, 240, "red").WithDuration({{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}), Args["out"], fps: {{fps}}, preset: "ultrafast");
        """;

    [SkippableFact]
    public async Task Fps_2997_ten_seconds_is_300_frames_at_30000_over_1001()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("fps");
        var output = folder["ntsc.mp4"];
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "ntsc.csx", Script(10, "29.97"), "--set", $"out={output}");
        Assert.True(result.ExitCode == 0, result.ToString());
        var probe = MediaProbeTool.Probe(output);
        Assert.Equal(300, probe.FrameCount);                 // frames start within [0, 10 s): ⌈10 · 30000/1001⌉ = ⌈299.7⌉
        Assert.Equal("30000/1001", probe.RFrameRate);
        Assert.Equal(300 * 1001 / 30000.0, probe.Duration, 0.02); // 10.01 s
    }

    [SkippableTheory]
    [InlineData("119.88", "hfr.mp4", 600, "120000/1001")]
    [InlineData("119.88", "hfr.mov", 600, "120000/1001")]
    [InlineData("239.76", "hfr.mp4", 1199, "240000/1001")]    // ⌈5 · 239.76⌉
    public async Task A_high_rate_off_the_common_ones_keeps_its_frames_in_mp4_and_mov(string fps, string name, long frames, string rational)
    {
        // ffmpeg rounded 120000/1001 to 120 for the encoder, and the MP4 muxer then added a frame to keep up.
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("fps");
        var output = folder[name];
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "hfr.csx", Script(5, fps), "--set", $"out={output}");
        Assert.True(result.ExitCode == 0, result.ToString());
        var probe = MediaProbeTool.Probe(output);
        Assert.Equal(frames, probe.FrameCount);
        Assert.Equal(rational, probe.RFrameRate);
        Assert.Equal(frames * 1001 / (double)int.Parse(rational.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture), probe.Duration, 0.002);
    }

    [SkippableTheory]
    [InlineData("render", null)]
    [InlineData("check", null)]
    [InlineData("render", "60")]
    public async Task A_gif_faster_than_50_fps_is_refused_before_rendering(string command, string? fpsOption)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("fps");
        var output = folder["fast.gif"];
        var script = folder.Write("gif.csx", $$"""
            Render(Color(64, 48, "red").WithDuration(1), Args["out"], fps: {{(fpsOption is null ? "60" : "25")}});
            """);
        string[] args = fpsOption is null ? [command, script, "--set", $"out={output}"] : [command, script, "--set", $"out={output}", "--fps", fpsOption];
        var result = await ScRunner.RunAsync(args);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("A GIF cannot play 60 frames per second", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Give fps: 50 or less", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [SkippableTheory]
    [InlineData("24", 48, "24/1")]
    [InlineData("29.97", 60, "30000/1001")]     // ⌈2 · 29.97⌉
    [InlineData("23.976", 48, "24000/1001")]    // ⌈47.95⌉
    [InlineData("60", 120, "60/1")]
    public async Task Fps_option_overrides_the_scripts_rate(string fps, long frames, string rational)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("fps");
        var output = folder["out.mp4"];
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "two.csx", Script(2, "30"), "--set", $"out={output}", "--fps", fps);
        Assert.True(result.ExitCode == 0, result.ToString());
        var probe = MediaProbeTool.Probe(output);
        Assert.Equal(frames, probe.FrameCount);
        Assert.Equal(rational, probe.RFrameRate);
    }

    [SkippableTheory]
    [InlineData(new[] { "--from", "0.5", "--to", "1.5" }, 30)]
    [InlineData(new[] { "--from", "1" }, 30)]
    [InlineData(new[] { "--to", "0.5" }, 15)]
    [InlineData(new[] { "--from", "1.9" }, 3)]
    [InlineData(new[] { "--from", "0.5", "--to", "5" }, 45)]
    [InlineData(new[] { "--from", "1", "--to", "2", "--fps", "29.97" }, 30)] // frames ⌈29.97⌉ = 30 to ⌈59.94⌉ = 60
    public async Task From_and_to_select_the_frames_inside(string[] range, long frames)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("range");
        var output = folder["out.mp4"];
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "two.csx", Script(2, "30"), ["--set", $"out={output}", .. range]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(frames, MediaProbeTool.Probe(output).FrameCount);
    }

    [SkippableFact]
    public async Task From_starts_the_output_at_that_time_of_the_scene()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("range");
        var output = folder["out.mp4"];
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "late.csx", """
            var scene = Composite(320, 240, Color(320, 240, "blue"), Color(320, 240, "red").WithStart(1.5)).WithDuration(2);
            Render(scene, Args["out"], fps: 30, preset: "ultrafast");
            """, "--set", $"out={output}", "--from", "1", "--to", "2");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(30, MediaProbeTool.Probe(output).FrameCount);
        // Output frame i is scene time 1 + i/30: blue until the red layer starts at 1.5 s (output frame 15).
        PixelCheck.AssertNear(FrameGrabber.Frame(output, 0), 160, 120, new Rgba(0, 0, 255), 6, "scene t=1.0");
        PixelCheck.AssertNear(FrameGrabber.Frame(output, 14), 160, 120, new Rgba(0, 0, 255), 6, "scene t=1.4667");
        PixelCheck.AssertNear(FrameGrabber.Frame(output, 15), 160, 120, new Rgba(255, 0, 0), 6, "scene t=1.5 (the red layer's start)");
        PixelCheck.AssertNear(FrameGrabber.Frame(output, 29), 160, 120, new Rgba(255, 0, 0), 6, "scene t=1.9667");
    }

    [SkippableTheory]
    [InlineData(new[] { "--from", "3" }, "--from")]
    [InlineData(new[] { "--from", "1.5", "--to", "1" }, "--to")]
    [InlineData(new[] { "--fps", "0" }, "--fps")]
    [InlineData(new[] { "--fps", "-30" }, "--fps")]
    [InlineData(new[] { "--from", "-1" }, "--from")]      // a negative time is impossible, not "from the start"
    [InlineData(new[] { "--to", "-1" }, "--to")]
    public async Task Impossible_range_is_refused_without_output(string[] range, string named)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("range");
        var output = folder["out.mp4"];
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "two.csx", Script(2, "30"), ["--set", $"out={output}", .. range]);
        FailureAssert.Clean(result, folder, output, named);
    }
}
