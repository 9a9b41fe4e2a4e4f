using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// <c>sc render --verbose</c> says how many frames took the fast path for video (mixed in Y'CbCr) and why others did not,
/// and how the videos were decoded.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PlanarReportTests
{
    [SkippableFact]
    public async Task Verbose_says_every_frame_of_the_video_example_was_mixed_in_yuv()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("planar-report");
        var script = folder["video.csx"];
        File.Copy(RepositoryFiles.Script("video.csx"), script);
        TestMedia.TestSrc2(folder["media/generated/testsrc2.mp4"]);

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "-o", folder["video.mp4"], "--verbose");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("120 of 120 frames mixed in Y'CbCr", result.Stdout, StringComparison.Ordinal);
        // Two readers, the full-size cut and the scaled inset: both in process when libavcodec can be loaded.
        var decoding = System.Text.RegularExpressions.Regex.Match(result.Stdout,
            @"video decoding: (\d+) decoders? in process \(0 rewound for loops or jumps back, 0 seeks further in\), (\d+) ffmpeg process");
        Assert.True(decoding.Success, result.Stdout);
        Assert.Equal(2, int.Parse(decoding.Groups[1].Value) + int.Parse(decoding.Groups[2].Value));
        Assert.Equal(ScriptComposer.Dsl.Media.Native.LibAvLibraries.Available ? 2 : 0, int.Parse(decoding.Groups[1].Value));
    }

    [SkippableFact]
    public async Task Verbose_says_why_frames_without_video_went_through_rgba()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("planar-report");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "stills.csx",
            """Render(Composite(64, 48, Color(32, 24, "red")).WithDuration(1), "stills.mp4", fps: 10);""", "--verbose");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("0 of 10 frames mixed in Y'CbCr; the others went through RGBA: 10 because no layer is a video", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("9 frames repeated the frame before them and were copied", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("video decoding", result.Stdout, StringComparison.Ordinal);
    }
}
