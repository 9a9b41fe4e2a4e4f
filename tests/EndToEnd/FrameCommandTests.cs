using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary><c>sc frame</c> writes exact pixels (no video codec in between); <c>sc check</c> compiles without rendering.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class FrameCommandTests
{
    private static readonly Rgba Navy = new(0x1e, 0x3c, 0x72);

    [SkippableFact]
    public async Task Frame_of_hello_at_1_5_has_the_exact_pixels_the_script_describes()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("frame");
        var png = folder["f.png"];
        var video = folder["never.mp4"];
        var result = await ScRunner.RunAsync("frame", RepositoryFiles.Script("hello.csx"), "--at", "1.5", "-o", png, "--backend", "cpu", "--set", $"out={video}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(video), "sc frame must not render the script's video.");
        var image = RgbaImage.LoadPng(png);
        Assert.Equal((1280, 720), (image.Width, image.Height));
        // Logo at t=1.5: x = 100 + 276 = 376, so its center is (456, 360).
        new PixelCheck(image)
            .Near(4, 4, Navy, 0, "background")
            .Near(1279, 719, Navy, 0, "background, last pixel")
            .Near(456, 360, new Rgba(255, 140, 0), 0, "logo center")
            .Near(456 + 44, 360, new Rgba(255, 255, 255), 0, "logo ring")
            .Near(380, 284, Navy, 0, "logo's transparent corner")
            .Near(640, 620, new Rgba(128, 128, 128), 1, "band half faded in (white 50% toward black)")
            .Near(320, 560, new Rgba(128, 128, 128), 1, "band's top-left pixel")
            .Near(959, 679, new Rgba(128, 128, 128), 1, "band's bottom-right pixel")
            .Near(319, 560, Navy, 0, "left of the band")
            .Near(960, 679, Navy, 0, "right of the band")
            .Near(320, 559, Navy, 0, "above the band")
            .Near(320, 680, Navy, 0, "below the band")
            .Verify();
        Assert.Equal(["f.png"], folder.Files());
    }

    [SkippableFact]
    public async Task A_single_picture_named_like_a_pattern_is_one_file()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("frame");
        var script = folder.Write("pct.csx", """
            var clip = Color(32, 32, "red").WithDuration(1);
            SaveFrame(clip, 0.5, "f_%02d.png");
            """);

        var render = await ScRunner.RunAsync("render", script, "--backend", "cpu");
        var frame = await ScRunner.RunAsync("frame", script, "--at", "0.5", "-o", folder["50%done.png"], "--backend", "cpu");

        Assert.True(render.ExitCode == 0, render.ToString());
        Assert.True(frame.ExitCode == 0, frame.ToString());
        Assert.Equal(["50%done.png", "f_%02d.png", "pct.csx"], folder.Files());
        Assert.Equal((32, 32), (RgbaImage.LoadPng(folder["50%done.png"]).Width, RgbaImage.LoadPng(folder["f_%02d.png"]).Height));
    }

    [SkippableFact]
    public async Task Frame_at_the_fades_edges_is_black_then_gone()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("frame");
        // At 1 s the band has just started and is fully faded to black; at 4 s it has ended.
        Assert.Equal(0, (await ScRunner.RunAsync("frame", RepositoryFiles.Script("hello.csx"), "--at", "1", "-o", folder["a.png"], "--backend", "cpu", "--set", $"out={folder["x.mp4"]}")).ExitCode);
        Assert.Equal(0, (await ScRunner.RunAsync("frame", RepositoryFiles.Script("hello.csx"), "--at", "4", "-o", folder["b.png"], "--backend", "cpu", "--set", $"out={folder["x.mp4"]}")).ExitCode);
        PixelCheck.AssertNear(RgbaImage.LoadPng(folder["a.png"]), 640, 620, new Rgba(0, 0, 0), 0, "band at its start, fully black");
        PixelCheck.AssertNear(RgbaImage.LoadPng(folder["b.png"]), 640, 620, Navy, 0, "band after its end");
    }

    [SkippableFact]
    public async Task Frame_at_a_time_between_frames_is_the_frame_the_output_shows_then_and_says_so()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("frame");
        // A box moving 100 px a second: at 25 fps the frame at 1.2 s has it at x = 120, the exact time 1.23 at x = 123.
        var script = folder.Write("move.csx", """
            var box = Color(20, 20, "white").At(t => (100 * t, 0));
            Render(Composite(320, 40, Color(320, 40, "black"), box).WithDuration(3), "out.mp4", fps: 25);
            """);

        var between = await ScRunner.RunAsync("frame", script, "--at", "1.23", "-o", folder["between.png"], "--backend", "cpu");
        // 1.16 * 25 is 28.999999999999996 in doubles: still frame 29, the frame the time names.
        var written = await ScRunner.RunAsync("frame", script, "--at", "1.16", "-o", folder["decimal.png"], "--backend", "cpu");

        Assert.True(between.ExitCode == 0, between.ToString());
        Assert.StartsWith($"Wrote {folder["between.png"]}: the frame at 1.2 s (--at 1.23 falls in it at 25 fps), in ", between.Stdout, StringComparison.Ordinal);
        new PixelCheck(RgbaImage.LoadPng(folder["between.png"]))
            .Near(119, 10, new Rgba(0, 0, 0), 0, "left of the box at 1.2 s")
            .Near(121, 10, new Rgba(255, 255, 255), 0, "the box at 1.2 s (black at 1.23 s)")
            .Near(139, 10, new Rgba(255, 255, 255), 0, "the box's right edge at 1.2 s")
            .Near(141, 10, new Rgba(0, 0, 0), 0, "right of the box at 1.2 s (white at 1.23 s)")
            .Verify();
        Assert.True(written.ExitCode == 0, written.ToString());
        Assert.StartsWith($"Wrote {folder["decimal.png"]}: the frame at 1.16 s, in ", written.Stdout, StringComparison.Ordinal);
        new PixelCheck(RgbaImage.LoadPng(folder["decimal.png"]))
            .Near(115, 10, new Rgba(0, 0, 0), 0, "left of the box at 1.16 s (white at 1.12 s)")
            .Near(134, 10, new Rgba(255, 255, 255), 0, "the box at 1.16 s (black at 1.12 s)")
            .Near(136, 10, new Rgba(0, 0, 0), 0, "right of the box at 1.16 s")
            .Verify();
    }

    [SkippableFact]
    public async Task Frame_passes_over_a_sound_output_to_the_first_with_a_picture_and_a_script_of_only_sound_is_refused()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("frame");
        var script = folder.Write("audio-first.csx", """
            RenderAudio(Tone(440, 3), "out/tone.wav");
            Render(Color(32, 24, "red").WithDuration(3), "out/red.mp4", fps: 25);
            """);
        var onlySound = folder.Write("only-sound.csx", """
            RenderAudio(Tone(440, 3), "out/tone.wav");
            """);

        var frame = await ScRunner.RunAsync("frame", script, "--at", "1.2", "-o", folder["f.png"], "--backend", "cpu");
        var refused = await ScRunner.RunAsync("frame", onlySound, "--at", "1.2", "-o", folder["g.png"], "--backend", "cpu");

        Assert.True(frame.ExitCode == 0, frame.ToString());
        Assert.StartsWith($"Wrote {folder["f.png"]}: the frame at 1.2 s, in ", frame.Stdout, StringComparison.Ordinal);
        var image = RgbaImage.LoadPng(folder["f.png"]);
        Assert.Equal((32, 24), (image.Width, image.Height));
        PixelCheck.AssertNear(image, 16, 12, new Rgba(255, 0, 0), 0, "the red video's picture");
        FailureAssert.Clean(refused, folder, folder["g.png"], "declares only sound (RenderAudio)", "Render(clip");
        Assert.Equal(["audio-first.csx", "f.png", "only-sound.csx"], folder.Files());
    }

    [SkippableFact]
    public async Task Frame_outside_the_clip_is_refused()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("frame");
        var png = folder["late.png"];
        var result = await ScRunner.RunAsync("frame", RepositoryFiles.Script("hello.csx"), "--at", "5", "-o", png, "--backend", "cpu", "--set", $"out={folder["x.mp4"]}");
        FailureAssert.Clean(result, folder, png, "--at", "5");
    }

    [SkippableFact]
    public async Task Check_of_a_good_script_exits_zero_and_renders_nothing()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("check");
        var script = folder.Write("good.csx", """
            var c = Color(320, 240, "red").WithDuration(1);
            Render(c, "out.mp4");
            """);
        var result = await ScRunner.RunAsync("check", script);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ok", result.Stdout);
        Assert.Equal(["good.csx"], folder.Files());

        var hello = await ScRunner.RunAsync("check", RepositoryFiles.Script("hello.csx"));
        Assert.True(hello.ExitCode == 0, hello.ToString());
    }

    [SkippableFact]
    public async Task Render_of_save_frame_writes_the_png()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("saveframe");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "still.csx", """
            var scene = Composite(64, 48, Color(64, 48, "#336699"), Color(16, 16, "#ff000080").At(8, 8)).WithDuration(1);
            SaveFrame(scene, 0.5, "still.png");
            """);
        Assert.True(result.ExitCode == 0, result.ToString());
        // Red at alpha 128/255 over (51, 102, 153): 255·s + 51·(1 − s) with s = 0.50196 → 153.4, 50.8, 76.2.
        new PixelCheck(RgbaImage.LoadPng(folder["still.png"]))
            .Near(0, 0, new Rgba(0x33, 0x66, 0x99), 0, "background")
            .Near(10, 10, new Rgba(153, 51, 76), 1, "half-transparent red square")
            .Verify();
    }
}
