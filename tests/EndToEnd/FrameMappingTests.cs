using System.Globalization;
using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// Which source frame lands on which output frame: a 29.97 fps source whose frame N is gray level 16 + 7N (limited
/// range, so RGB ≈ 8.15 N, far enough apart to tell neighbours), rendered at 29.97 fps as is and through a Subclip
/// whose start needs ffmpeg's seek.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FrameMappingTests
{
    [SkippableTheory]
    [InlineData("", 0)]
    [InlineData(".Subclip(0.5005)", 15)]   // 0.5005 s · 30000/1001 = frame 15 exactly
    [InlineData(".Subclip(0.2, 0.8)", 5)]  // frame ⌊5.994⌋ = 5, the one shown at 0.2 s
    public async Task Source_frames_map_one_to_one_at_the_same_rational_rate(string cut, int firstSourceFrame)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("mapping");
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "color=c=black:s=64x64:r=30000/1001:d=1.001,format=yuv420p,geq=lum='16+7*N':cb=128:cr=128",
            "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", folder["ramp.mp4"]);
        Assert.Equal(30, MediaProbeTool.Probe(folder["ramp.mp4"]).FrameCount);
        var output = folder["out.mp4"];
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "map.csx", $$"""
            Render(Video("ramp.mp4"){{cut}}, Args["out"], fps: 29.97, crf: 0, preset: "ultrafast");
            """, "--set", $"out={output}");
        Assert.True(result.ExitCode == 0, result.ToString());
        var frames = MediaProbeTool.Probe(output).FrameCount;
        foreach (var i in new long[] { 0, 1, 2, frames / 2, frames - 1 })
        {
            var source = firstSourceFrame + i;
            var level = (byte)Math.Round(7.0 * source * 255 / 219);
            PixelCheck.AssertNear(FrameGrabber.Frame(output, i), 32, 32, new Rgba(level, level, level), 3,
                string.Create(CultureInfo.InvariantCulture, $"output frame {i} should be source frame {source}"));
        }
    }
}
