using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// A video whose display matrix says to turn it (a phone's portrait recording) shows upright, as players and ffmpeg show it: the
/// clip has the upright size and every frame the upright picture, whichever way it is turned.
/// </summary>
public sealed class RotatedVideoTests : IDisposable
{
    private readonly TempFolder _folder = new("rotated");

    public void Dispose() => _folder.Dispose();

    [SkippableTheory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public async Task A_turned_video_renders_upright_as_ffmpeg_shows_it(int tag)
    {
        ToolRunner.RequireFfmpeg();
        var plain = _folder["plain.mp4"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", plain);
        var turned = _folder["turned.mp4"];
        ToolRunner.Ffmpeg("-i", plain, "-c", "copy", "-metadata:s:v:0", $"rotate={tag}", turned);

        var media = MediaProbe.Probe(turned);
        Assert.NotEqual(0, media.Rotation);
        var (width, height) = tag == 180 ? (160, 120) : (120, 160);
        Assert.Equal((width, height), (media.Width, media.Height));

        var (result, _) = await ScRunner.RenderScriptAsync(_folder, "turned.csx",
            """Render(Video("turned.mp4"), "out.mkv", fps: 30, preset: "ultrafast", ffmpegArgs: new[] { "-qp", "0" });""");
        Assert.True(result.ExitCode == 0, result.ToString());

        var output = MediaProbeTool.Probe(_folder["out.mkv"]);
        Assert.Equal((width, height), (output.Width, output.Height));
        var expected = FrameGrabber.AsFfmpegShowsIt(turned);
        Assert.Equal(width * height * 3, expected.Length);
        var difference = FrameGrabber.MeanDifference(expected, FrameGrabber.AsFfmpegShowsIt(_folder["out.mkv"]));
        Assert.True(difference < 4, $"The render of a video turned {media.Rotation}° differs from ffmpeg's upright picture by {difference:0.0} per channel on average.");
    }
}
