using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// scripts/slideshow.csx rendered on the CPU: four solid slides, the second pushed in from the right at 2 s (slideleft), the
/// third wiped in from the left at 4 s (wiperight), the fourth in an opening circle at 6 s (circleopen), half a second each.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SlideshowScriptTests
{
    private static readonly Rgba One = new(0xe6, 0x39, 0x46), Two = new(0xf1, 0xc4, 0x0f), Three = new(0x2a, 0x9d, 0x8f), Four = new(0x45, 0x7b, 0x9d);

    [SkippableFact]
    public async Task Slideshow_renders_255_frames_with_each_transition_where_xfade_puts_it()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("slideshow");
        var script = folder["slideshow.csx"];
        File.Copy(RepositoryFiles.Script("slideshow.csx"), script);
        var output = folder["slideshow.mp4"];

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "-o", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var probe = MediaProbeTool.Probe(output);
        Assert.Equal((255L, 640, 360), (probe.FrameCount, probe.Width, probe.Height));

        new PixelCheck(FrameGrabber.Frame(output, 30)).Near(20, 20, One, 6, "slide one alone at 1 s").Verify();
        // Frame 66 is 0.4 into the push: xfade's z = (int)(−0.6·640) = −384, so x < 384 shows slide one moved left, the rest slide two.
        new PixelCheck(FrameGrabber.Frame(output, 66))
            .Near(20, 20, One, 6, "slide one pushed out on the left")
            .Near(370, 20, One, 6, "slide one up to the edge")
            .Near(400, 20, Two, 6, "slide two pushed in on the right")
            .Verify();
        // Frame 126 is 0.4 into the wipe right: x ≤ (int)(640·0.4) = 256 shows slide three.
        new PixelCheck(FrameGrabber.Frame(output, 126))
            .Near(240, 340, Three, 6, "slide three left of the edge")
            .Near(280, 340, Two, 6, "slide two right of the edge")
            .Verify();
        // Frame 186 is 0.4 into the circle: a corner, at distance ≥ the half diagonal, is still all slide three.
        new PixelCheck(FrameGrabber.Frame(output, 186)).Near(4, 4, Three, 6, "slide three in the corner").Verify();
        // Frame 195 is 0.7 into it: within 0.6 of the half diagonal (220 px) of the center it is all slide four.
        new PixelCheck(FrameGrabber.Frame(output, 195)).Near(320, 100, Four, 6, "slide four around the center").Verify();
        new PixelCheck(FrameGrabber.Frame(output, 240)).Near(20, 20, Four, 6, "slide four alone at 8 s").Verify();
    }
}
