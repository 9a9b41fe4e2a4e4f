using System.Text;

namespace ScriptComposer.Tests.Backend;

/// <summary>Compares images channel by channel within a tolerance and, on failure, names the first differing pixels.</summary>
internal static class PixelAssert
{
    private const int Shown = 8;

    /// <summary>RGBA8 images of <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static void Equal(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int width, int height, int tolerance, string what) =>
        Compare(expected, actual, 4, width, height, tolerance, what, "RGBA");

    /// <summary>Single-channel planes (Y, U, V) laid out as one buffer; positions are byte offsets.</summary>
    public static void EqualBytes(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int tolerance, string what) =>
        Compare(expected, actual, 1, expected.Length, 1, tolerance, what, "byte");

    private static void Compare(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int channels, int width, int height, int tolerance, string what, string unit)
    {
        Assert.Equal(expected.Length, actual.Length);
        var report = new StringBuilder();
        var differing = 0;
        var largest = 0;
        for (var pixel = 0; pixel < expected.Length / channels; pixel++)
        {
            var worst = 0;
            for (var c = 0; c < channels; c++)
                worst = Math.Max(worst, Math.Abs(expected[pixel * channels + c] - actual[pixel * channels + c]));
            if (worst <= tolerance)
                continue;
            largest = Math.Max(largest, worst);
            if (differing++ < Shown)
            {
                var where = channels == 4 ? $"({pixel % width}, {pixel / width})" : $"[{pixel}]";
                report.Append($"\n  {unit} {where}: expected {Format(expected.Slice(pixel * channels, channels))}, got {Format(actual.Slice(pixel * channels, channels))}");
            }
        }
        if (differing > 0)
            Assert.Fail($"{what}: {differing} of {expected.Length / channels} {(channels == 4 ? $"pixels ({width}x{height})" : "bytes")} differ by more than {tolerance} (largest {largest}); first:{report}");
    }

    private static string Format(ReadOnlySpan<byte> values)
    {
        var parts = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
            parts[i] = values[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"({string.Join(", ", parts)})";
    }
}
