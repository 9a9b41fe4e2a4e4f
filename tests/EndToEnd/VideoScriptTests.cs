using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// scripts/video.csx, copied with a freshly generated testsrc2.mp4 into a temp folder (so the checkout is not written):
/// seconds 2 to 6 of the source at 640x360 in the top-left quarter fading in from black over 0.5 s, and the same at
/// 320x180 in the bottom-right corner at half opacity from 1 s, over #202020, 4 s at 30 fps.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class VideoScriptTests
{
    private static readonly Rgba Background = new(0x20, 0x20, 0x20);

    [SkippableFact]
    public async Task Video_script_renders_120_frames_main_region_shows_the_source_inset_appears_at_one_second()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("video");
        var script = folder["video.csx"];
        File.Copy(RepositoryFiles.Script("video.csx"), script);
        var source = TestMedia.TestSrc2(folder["media/generated/testsrc2.mp4"]);
        var output = folder["video.mp4"];

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "-o", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var probe = MediaProbeTool.Probe(output);
        Assert.Equal((120L, 1280, 720, "h264", "yuv420p"), (probe.FrameCount, probe.Width, probe.Height, probe.Codec, probe.PixelFormat));
        Assert.Equal(4.0, probe.Duration, 0.02);
        Assert.False(Directory.Exists(folder["out"]), "-o should replace the script's output path, not add to it.");
        FailureAssert.NoPartialFiles(folder);
        ChildProcesses.AssertNoFfmpegChild(folder.Path);

        // t = 0: the main region is fully faded to black; the inset has not started.
        var first = FrameGrabber.Frame(output, 0);
        new PixelCheck(first)
            .Near(320, 180, new Rgba(0, 0, 0), 6, "main region at t=0 (FadeIn from black)")
            .Near(100, 300, new Rgba(0, 0, 0), 6, "main region at t=0 (FadeIn from black)")
            .Near(1120, 630, Background, 6, "inset region before the inset starts at 1 s")
            .Near(900, 100, Background, 6, "background")
            .Verify();

        // t = 2: the main region is source frame 120 (2 s into the Subclip(2, 6)), the inset shows, the rest is background.
        var at2 = FrameGrabber.Frame(output, 60);
        var sourceFrame = FrameGrabber.Frame(source, 120, YuvMatrix.Bt601);
        var mainVsSource = PixelCheck.MeanDifference(at2, 0, 0, sourceFrame, 0, 0, 640, 360);
        Assert.True(mainVsSource < 6, $"The main region at t=2 should be source frame 120 (4 s); mean difference per channel {mainVsSource:0.0}.");
        var wrongFrame = PixelCheck.MeanDifference(at2, 0, 0, FrameGrabber.Frame(source, 60, YuvMatrix.Bt601), 0, 0, 640, 360);
        Assert.True(wrongFrame > mainVsSource, $"Source frame 60 matches the main region at t=2 as well as frame 120 does ({wrongFrame:0.0} vs {mainVsSource:0.0}); the test cannot tell the Subclip offset.");
        var inset = PixelCheck.MeanDifference(at2, 960, 540, 320, 180, Background);
        Assert.True(inset > 15, $"The inset region at t=2 should show the half-transparent video, but it differs from the background by only {inset:0.0} on average.");
        new PixelCheck(at2)
            .Near(900, 100, Background, 6, "background right of the main region")
            .Near(300, 600, Background, 6, "background below the main region")
            .Near(1200, 400, Background, 6, "background above the inset")
            .Verify();
    }
}
