using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>The example scripts of each area of the vocabulary render, and their frames show what the scripts say.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExampleScriptTests
{
    private static async Task<string> Render(TempFolder folder, string script)
    {
        var output = folder["out.mp4"];
        var result = await ScRunner.RunAsync("render", RepositoryFiles.Script(script), "--backend", "cpu", "-o", output);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    [SkippableFact]
    public async Task Grid_shows_the_video_four_ways()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("examples");
        var output = await Render(folder, "grid.csx");

        var probe = MediaProbeTool.Probe(output);
        Assert.Equal((640, 360, 120L), (probe.Width, probe.Height, probe.FrameCount));
        var frame = FrameGrabber.At(output, 1);
        // Top right is the top left mirrored; bottom left is gray.
        foreach (var (x, y) in new[] { (10, 100), (100, 60), (200, 150) })
        {
            var left = frame[x, y];
            var mirrored = frame[639 - x, y];
            Assert.True(PixelCheck.Difference(left, mirrored) <= 24, $"({x}, {y}) is {PixelCheck.Format(left)} but its mirror is {PixelCheck.Format(mirrored)}");
            var gray = frame[x, 180 + y];
            Assert.True(Math.Abs(gray.R - gray.G) <= 12 && Math.Abs(gray.G - gray.B) <= 12, $"({x}, {180 + y}) should be gray, is {PixelCheck.Format(gray)}");
        }
    }

    [SkippableFact]
    public async Task Subtitles_show_each_cue_over_the_video_and_nothing_between_cues()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("examples");
        var output = await Render(folder, "subtitles.csx");

        var probe = MediaProbeTool.Probe(output);
        Assert.Equal((1280, 720, 120L), (probe.Width, probe.Height, probe.FrameCount));
        // White caption ink in the band above the bottom while a cue shows (testsrc2's bars there have no white), none between cues.
        int WhiteInBand(double seconds)
        {
            var frame = FrameGrabber.At(output, seconds);
            var count = 0;
            for (var y = 600; y < 690; y += 2)
                for (var x = 100; x < 1180; x += 2)
                    if (frame[x, y] is { R: > 225, G: > 225, B: > 225 })
                        count++;
            return count;
        }
        Assert.True(WhiteInBand(1.0) > 300, $"the first cue should show at 1 s; {WhiteInBand(1.0)} white samples");
        Assert.True(WhiteInBand(3.0) > 300, $"the second cue should show at 3 s; {WhiteInBand(3.0)} white samples");
        Assert.True(WhiteInBand(2.2) < 10, $"nothing should show between the cues at 2.2 s; {WhiteInBand(2.2)} white samples");
    }

    [SkippableFact]
    public async Task Concatenation_crossfades_from_scene_to_scene_with_its_sound()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("examples");
        var output = await Render(folder, "concat.csx");

        var probe = MediaProbeTool.Probe(output);
        Assert.Equal(195, probe.FrameCount);
        PixelCheck.AssertNear(FrameGrabber.At(output, 1), 320, 180, new Rgba(0xe6, 0x39, 0x46), 14, "the first scene's center");
        PixelCheck.AssertNear(FrameGrabber.At(output, 2.5), 320, 180, new Rgba(0xf1, 0xc4, 0x0f), 14, "the second scene's center");
        // Frame 52 (1.733 s) is 7/15 of the way through the crossfade from 1.5 s to 2 s.
        const double w = 7.0 / 15;
        static byte Mix(int a, int b) => (byte)Math.Round(a * (1 - w) + b * w);
        PixelCheck.AssertNear(FrameGrabber.Frame(output, 52), 320, 180, new Rgba(Mix(0xe6, 0xf1), Mix(0x39, 0xc4), Mix(0x46, 0x0f)), 16, "the center during the crossfade");
        Assert.Equal("aac", AudioProbe.Stream(output)!.Value.Codec);
    }

    [SkippableFact]
    public async Task Pixel_effect_script_runs_its_cpu_function()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("examples");
        var output = await Render(folder, "pixel-effect.csx");

        Assert.Equal(90, MediaProbeTool.Probe(output).FrameCount);
        // At t = 0 and x = 0 the wave is 0.5: white becomes (0.5, 1, 0.5).
        PixelCheck.AssertNear(FrameGrabber.At(output, 0), 1, 1, new Rgba(128, 255, 128), 12, "the top-left pixel at 0 s");
    }

    [SkippableFact]
    public async Task Title_card_draws_its_text_over_the_gradient_after_the_crossfade()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("examples");
        var output = await Render(folder, "title.csx");

        var probe = MediaProbeTool.Probe(output);
        Assert.Equal((1280, 720, 90L), (probe.Width, probe.Height, probe.FrameCount));
        var before = FrameGrabber.Frame(output, 0);
        var after = FrameGrabber.Frame(output, 60);
        // The caption band (y 200 onwards, centered) holds white fill and black stroke once faded in; at 0 s only the gradient.
        int Inked(RgbaImage frame) => Enumerable.Range(0, 200).Count(i =>
        {
            var p = frame[240 + i * 4, 260];
            return p.R > 230 && p.G > 230 && p.B > 230 || p.R < 25 && p.G < 25 && p.B < 25;
        });
        Assert.Equal(0, Inked(before));
        Assert.True(Inked(after) > 10, $"only {Inked(after)} of 200 samples across the caption are white or black");
        PixelCheck.AssertNear(after, 2, 2, new Rgba(0x1e, 0x3c, 0x72), 10, "the gradient's top-left corner");
    }
}
