using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Support;

/// <summary>
/// Decodes one frame of a video, picked by index (ffmpeg's <c>select=eq(n,i)</c>, so no seeking ambiguity), to raw
/// yuv420p and converts it to RGB here with limited-range BT.709 (or BT.601) math, so the result does not depend on
/// how an ffmpeg build guesses color matrices. Chroma is taken from each pixel's 2x2 block.
/// </summary>
internal static class FrameGrabber
{
    /// <summary>Frame <paramref name="index"/> (0-based) of the first video stream.</summary>
    public static RgbaImage Frame(string path, long index, YuvMatrix matrix = YuvMatrix.Bt709)
    {
        var probe = MediaProbeTool.Probe(path);
        var (w, h) = (probe.Width, probe.Height);
        var result = ToolRunner.Run("ffmpeg",
        [
            "-hide_banner", "-loglevel", "error", "-nostdin", "-i", path, "-map", "0:v:0",
            "-vf", $"select=eq(n\\,{index})", "-fps_mode", "passthrough", "-frames:v", "1",
            "-f", "rawvideo", "-pix_fmt", "yuv420p", "pipe:1",
        ]);
        var cw = (w + 1) / 2;
        var ch = (h + 1) / 2;
        var expected = w * h + 2 * cw * ch;
        if (result.ExitCode != 0 || result.Stdout.Length != expected)
            Assert.Fail($"Could not decode frame {index} of '{path}' ({probe.FrameCount} frames): ffmpeg exited {result.ExitCode} with {result.Stdout.Length} of {expected} bytes. {result.Stderr}");
        return ToRgba(result.Stdout, w, h, matrix, $"{Path.GetFileName(path)} frame {index}");
    }

    /// <summary>The frame shown at <paramref name="seconds"/> at <paramref name="fpsNumerator"/>/<paramref name="fpsDenominator"/>; the time must be a frame's own time.</summary>
    public static RgbaImage At(string path, double seconds, int fpsNumerator = 30, int fpsDenominator = 1, YuvMatrix matrix = YuvMatrix.Bt709) =>
        Frame(path, FrameIndex(seconds, fpsNumerator, fpsDenominator), matrix);

    /// <summary>The index of the frame at exactly <paramref name="seconds"/>; refuses a time between frames (a test should not depend on rounding).</summary>
    public static long FrameIndex(double seconds, int fpsNumerator, int fpsDenominator = 1)
    {
        var exact = seconds * fpsNumerator / fpsDenominator;
        var index = (long)Math.Round(exact);
        if (Math.Abs(exact - index) > 1e-6)
            throw new ArgumentException($"{seconds} s falls between frames at {fpsNumerator}/{fpsDenominator} fps (frame {exact:0.###}); choose a time on a frame.", nameof(seconds));
        return index;
    }

    /// <summary>I420 (Y plane, then U, then V, chroma ⌈w/2⌉×⌈h/2⌉) to straight RGBA with alpha 255.</summary>
    public static RgbaImage ToRgba(ReadOnlySpan<byte> i420, int width, int height, YuvMatrix matrix, string source)
    {
        // Limited range: Y 16..235, Cb/Cr 16..240 centred on 128.
        var (rv, gu, gv, bu) = matrix == YuvMatrix.Bt709
            ? (1.792741, 0.213249, 0.532909, 2.112402)
            : (1.596027, 0.391762, 0.812968, 2.017232);
        var cw = (width + 1) / 2;
        var ch = (height + 1) / 2;
        var uPlane = i420.Slice(width * height, cw * ch);
        var vPlane = i420.Slice(width * height + cw * ch, cw * ch);
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var luma = 1.164384 * (i420[y * width + x] - 16);
            var u = uPlane[y / 2 * cw + x / 2] - 128;
            var v = vPlane[y / 2 * cw + x / 2] - 128;
            var i = (y * width + x) * 4;
            rgba[i] = Clamp(luma + rv * v);
            rgba[i + 1] = Clamp(luma - gu * u - gv * v);
            rgba[i + 2] = Clamp(luma + bu * u);
            rgba[i + 3] = 255;
        }
        return new RgbaImage(width, height, rgba, source);
    }

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);

    /// <summary>
    /// The first frame of <paramref name="path"/> (a video or an image) as ffmpeg shows it, turned upright and its colors converted by
    /// ffmpeg, through <paramref name="filter"/>, as raw <paramref name="pixelFormat"/>: what a player shows, to compare a render with.
    /// </summary>
    public static byte[] AsFfmpegShowsIt(string path, string filter = "null", string pixelFormat = "rgb24")
    {
        var decoded = ToolRunner.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-i", path, "-vf", filter, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", pixelFormat, "-"]);
        Assert.True(decoded.ExitCode == 0, $"ffmpeg could not decode {path}: {decoded.Stderr}");
        return decoded.Stdout;
    }

    /// <summary>The mean difference per byte between two pictures of the same size and layout.</summary>
    public static double MeanDifference(byte[] expected, byte[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        return expected.Zip(actual, (a, b) => Math.Abs(a - b)).Average();
    }
}
