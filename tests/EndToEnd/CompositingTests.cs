using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>Solid-color videos made by ffmpeg, composited at known places and times, probed after the H.264 round trip.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CompositingTests
{
    private const int Tolerance = 6;
    private static readonly Rgba Background = new(0x10, 0x20, 0x30);
    private static readonly Rgba Red = new(255, 0, 0);
    private static readonly Rgba Green = new(0, 255, 0);

    [SkippableFact]
    public async Task Solid_color_videos_subclip_with_start_opacity_mask_and_off_canvas_land_where_the_script_says()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("composite");
        TestMedia.TwoTone(folder, "twotone.mp4", "red", "lime", 160, 120);  // red for 1 s, then green for 1 s
        TestMedia.SolidColor(folder, "red.mp4", "red", 160, 120, 2);
        TestMedia.SolidColor(folder, "green.mp4", "lime", 160, 120, 2);
        var output = folder["out.mp4"];
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "scene.csx", """
            var bg = Color(640, 360, "#102030");
            // Source seconds 0.5 to 1.5, shown from 0.5 s to 1.5 s of the scene: red until scene time 1.0, then green.
            var cut = Video("twotone.mp4").Subclip(0.5, 1.5).WithStart(0.5).At(40, 40);
            var half = Video("green.mp4").Opacity(0.5).At(240, 40);
            // Left half white (shows), right half black (hides).
            var mask = Composite(160, 120, new Clip[] { Color(80, 120, "white") }, "black");
            var masked = Video("red.mp4").WithMask(mask).At(440, 40);
            var corner = Video("red.mp4").At(560, 300);   // only its top-left 80x60 is on the canvas
            Render(Composite(640, 360, bg, cut, half, masked, corner).WithDuration(2), Args["out"], fps: 30, crf: 12, preset: "ultrafast");
            """, "--set", $"out={output}");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(60, MediaProbeTool.Probe(output).FrameCount);

        // Green at opacity 0.5 over (16, 32, 48): (8, 143.5, 24).
        var halfGreen = new Rgba(8, 144, 24);
        var beforeCut = FrameGrabber.At(output, 0.4);
        new PixelCheck(beforeCut)
            .Near(120, 100, Background, Tolerance, "Subclip layer before its WithStart(0.5)")
            .Near(320, 100, halfGreen, Tolerance, "green video at Opacity(0.5)")
            .Near(480, 100, Red, Tolerance, "masked red video, white half of the mask")
            .Near(580, 100, Background, Tolerance, "masked red video, black half of the mask")
            .Near(600, 330, Red, Tolerance, "video partly off the bottom-right corner")
            .Near(550, 330, Background, Tolerance, "left of the off-canvas video")
            .Near(600, 290, Background, Tolerance, "above the off-canvas video")
            .Near(20, 20, Background, Tolerance, "background")
            .Verify();

        new PixelCheck(FrameGrabber.At(output, 0.6))
            .Near(120, 100, Red, Tolerance, "Subclip at scene 0.6 s = source 0.6 s (red part)")
            .Near(45, 45, Red, Tolerance, "Subclip's top-left corner at (40, 40)")
            .Near(35, 45, Background, Tolerance, "left of the Subclip layer")
            .Near(195, 155, Red, Tolerance, "Subclip's bottom-right corner")
            .Near(205, 155, Background, Tolerance, "right of the Subclip layer")
            .Verify();
        new PixelCheck(FrameGrabber.At(output, 1.2))
            .Near(120, 100, Green, Tolerance, "Subclip at scene 1.2 s = source 1.2 s (green part)")
            .Verify();
        new PixelCheck(FrameGrabber.At(output, 1.5))
            .Near(120, 100, Background, Tolerance, "Subclip layer after it ends at 1.5 s")
            .Near(320, 100, halfGreen, Tolerance, "green video at Opacity(0.5), still showing")
            .Verify();
        ChildProcesses.AssertNoFfmpegChild(folder.Path);
    }
}
