using System.Globalization;
using System.Text;
using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Support;

/// <summary>
/// Expectations on single pixels, collected so that one failure reports every wrong pixel of an image: each line
/// names what the pixel shows, where it is, the expected value with its tolerance, and the actual value.
/// </summary>
internal sealed class PixelCheck(RgbaImage image)
{
    private readonly StringBuilder _failures = new();
    private int _checked;
    private int _failed;

    /// <summary>Every channel (alpha too) of pixel (x, y) within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
    public PixelCheck Near(int x, int y, Rgba expected, int tolerance, string what)
    {
        _checked++;
        var actual = image[x, y];
        var off = Difference(expected, actual);
        if (off > tolerance)
        {
            _failed++;
            _failures.Append(CultureInfo.InvariantCulture, $"\n  {what}: pixel ({x}, {y}) should be {Format(expected)} ±{tolerance}, but is {Format(actual)} (off by {off})");
        }
        return this;
    }

    /// <summary>Pixel (x, y) differs from <paramref name="notExpected"/> by more than <paramref name="margin"/> in some channel.</summary>
    public PixelCheck Differs(int x, int y, Rgba notExpected, int margin, string what)
    {
        _checked++;
        var actual = image[x, y];
        var off = Difference(notExpected, actual);
        if (off <= margin)
        {
            _failed++;
            _failures.Append(CultureInfo.InvariantCulture, $"\n  {what}: pixel ({x}, {y}) should differ from {Format(notExpected)} by more than {margin}, but is {Format(actual)}");
        }
        return this;
    }

    /// <summary>Fails, listing every wrong pixel, when any expectation was not met.</summary>
    public void Verify()
    {
        if (_failed > 0)
            Assert.Fail($"{image.Source} ({image.Width}x{image.Height}): {_failed} of {_checked} pixel checks failed:{_failures}");
    }

    /// <summary>One pixel, checked at once.</summary>
    public static void AssertNear(RgbaImage image, int x, int y, Rgba expected, int tolerance, string what) =>
        new PixelCheck(image).Near(x, y, expected, tolerance, what).Verify();

    public static int Difference(Rgba a, Rgba b) =>
        Math.Max(Math.Max(Math.Abs(a.R - b.R), Math.Abs(a.G - b.G)), Math.Max(Math.Abs(a.B - b.B), Math.Abs(a.A - b.A)));

    public static string Format(Rgba c) => c.A == 255 ? $"({c.R}, {c.G}, {c.B})" : $"({c.R}, {c.G}, {c.B}, alpha {c.A})";

    /// <summary>The mean absolute difference per channel (R, G, B) between two images over a rectangle, sampled every <paramref name="step"/> pixels.</summary>
    public static double MeanDifference(RgbaImage a, int ax, int ay, RgbaImage b, int bx, int by, int width, int height, int step = 4)
    {
        double sum = 0;
        var n = 0;
        for (var y = 0; y < height; y += step)
        for (var x = 0; x < width; x += step)
        {
            var p = a[ax + x, ay + y];
            var q = b[bx + x, by + y];
            sum += Math.Abs(p.R - q.R) + Math.Abs(p.G - q.G) + Math.Abs(p.B - q.B);
            n += 3;
        }
        return sum / n;
    }

    /// <summary>The mean absolute difference per channel between a rectangle of <paramref name="image"/> and a flat color.</summary>
    public static double MeanDifference(RgbaImage image, int x0, int y0, int width, int height, Rgba color, int step = 4)
    {
        double sum = 0;
        var n = 0;
        for (var y = y0; y < y0 + height; y += step)
        for (var x = x0; x < x0 + width; x += step)
        {
            var p = image[x, y];
            sum += Math.Abs(p.R - color.R) + Math.Abs(p.G - color.G) + Math.Abs(p.B - color.B);
            n += 3;
        }
        return sum / n;
    }
}
