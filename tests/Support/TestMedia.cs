using System.Globalization;

namespace ScriptComposer.Tests.Support;

/// <summary>Small videos and pictures made with ffmpeg's lavfi sources (and SkiaSharp), in a test's temp folder.</summary>
internal static class TestMedia
{
    /// <summary>A solid-color H.264 video (yuv420p, untagged and converted with BT.601 like most of ffmpeg's output), e.g. pure red 320x240 for 2 s.</summary>
    public static string SolidColor(TempFolder folder, string name, string color, int width, int height, double seconds, int fps = 30)
    {
        var path = folder[name];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", $"color=c={color}:s={width}x{height}:r={fps}:d={Seconds(seconds)}",
            "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", path);
        return path;
    }

    /// <summary>A video that is <paramref name="first"/> for its first second and <paramref name="second"/> for the next one.</summary>
    public static string TwoTone(TempFolder folder, string name, string first, string second, int width, int height, int fps = 30)
    {
        var path = folder[name];
        ToolRunner.Ffmpeg(
            "-f", "lavfi", "-i", $"color=c={first}:s={width}x{height}:r={fps}:d=1",
            "-f", "lavfi", "-i", $"color=c={second}:s={width}x{height}:r={fps}:d=1",
            "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0",
            "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv420p", path);
        return path;
    }

    /// <summary>ffmpeg's testsrc2 pattern, as scripts/make-test-media makes it for scripts/video.csx.</summary>
    public static string TestSrc2(string path, int width = 640, int height = 360, double seconds = 8, int fps = 30)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate={fps}:duration={Seconds(seconds)}",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", path);
        return path;
    }

    private static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);
}
