using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// A video whose pixels are not square (an anamorphic DVD or HDV recording) shows as players show it: stretched to square pixels,
/// at the width its sample aspect ratio gives, in process and through ffmpeg, turned or not.
/// </summary>
public sealed class AnamorphicVideoTests : IDisposable
{
    private readonly TempFolder _folder = new("anamorphic");

    public void Dispose() => _folder.Dispose();

    [SkippableTheory]
    [InlineData("1", 0)]
    [InlineData("0", 0)]
    [InlineData("1", 90)]
    [InlineData("0", 90)]
    public void A_video_with_wide_pixels_renders_at_the_width_they_show(string inProcess, int tag)
    {
        ToolRunner.RequireFfmpeg();
        var stored = _folder["stored.mp4"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=1", "-vf", "setsar=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", stored);
        var input = stored;
        if (tag != 0)
            ToolRunner.Ffmpeg("-i", stored, "-c", "copy", "-metadata:s:v:0", $"rotate={tag}", input = _folder["turned.mp4"]);

        var media = MediaProbe.Probe(input);
        var (width, height) = tag == 0 ? (320, 120) : (120, 320);
        Assert.Equal((width, height), (media.Width, media.Height));

        var script = _folder.Write("wide.csx", """Render(Video(Args["in"]), "out.mkv", fps: 30, preset: "ultrafast", ffmpegArgs: new[] { "-qp", "0" });""");
        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu", "--set", $"in={input}"],
            new Dictionary<string, string?> { ["SC_IN_PROCESS_DECODE"] = inProcess });
        Assert.True(result.ExitCode == 0, result.ToString());

        var output = MediaProbeTool.Probe(_folder["out.mkv"]);
        Assert.Equal((width, height), (output.Width, output.Height));
        // What a player shows: the pixels stretched to square ones (and turned), as ffmpeg's scale by the aspect gives them.
        var expected = FrameGrabber.AsFfmpegShowsIt(input, $"scale={(tag == 0 ? "iw*sar:ih" : "iw:ih/sar")}:flags=bicubic"); // turned, the pixels are tall
        var difference = FrameGrabber.MeanDifference(expected, FrameGrabber.AsFfmpegShowsIt(_folder["out.mkv"]));
        Assert.True(difference < 4, $"The render differs from the picture stretched to square pixels by {difference:0.0} per channel on average.");
    }
}
