using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace ScriptComposer.Tests.Support;

/// <summary>
/// Compares an image with <c>tests/Assets/golden/NAME.png</c> within a per-channel tolerance, naming the first
/// differing pixels. With <c>SC_UPDATE_GOLDEN=1</c> it (re)writes the golden in the source tree instead: look at the
/// new PNG before committing it.
/// </summary>
internal static class GoldenImage
{
    private const int Shown = 8;

    public static bool Updating => Environment.GetEnvironmentVariable("SC_UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string name, RgbaImage actual, int tolerance = 1)
    {
        if (Updating)
        {
            actual.SavePng(Path.Combine(SourceFolder(), $"{name}.png"));
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "Assets", "golden", $"{name}.png");
        if (!File.Exists(path))
            Assert.Fail($"The golden image '{path}' is missing. Run the test once with SC_UPDATE_GOLDEN=1 to write tests/Assets/golden/{name}.png, look at it, and commit it.");
        var expected = RgbaImage.LoadPng(path);
        if (expected.Width != actual.Width || expected.Height != actual.Height)
            Assert.Fail($"{actual.Source} is {actual.Width}x{actual.Height} but the golden {name}.png is {expected.Width}x{expected.Height}.");

        var report = new StringBuilder();
        var differing = 0;
        var largest = 0;
        for (var y = 0; y < actual.Height; y++)
        for (var x = 0; x < actual.Width; x++)
        {
            var off = PixelCheck.Difference(expected[x, y], actual[x, y]);
            if (off <= tolerance) continue;
            largest = Math.Max(largest, off);
            if (differing++ < Shown)
                report.Append(CultureInfo.InvariantCulture, $"\n  ({x}, {y}): golden {PixelCheck.Format(expected[x, y])}, got {PixelCheck.Format(actual[x, y])}");
        }
        if (differing == 0) return;
        var saved = Path.Combine(Path.GetTempPath(), "sc-golden-actual", $"{name}.png");
        actual.SavePng(saved);
        Assert.Fail($"{actual.Source} differs from the golden {name}.png in {differing} of {actual.Width * actual.Height} pixels by more than ±{tolerance} (largest {largest}); first:{report}\n" +
                    $"The rendered image is at {saved}. If the change is intended, rerun with SC_UPDATE_GOLDEN=1, look at the PNG, and commit it.");
    }

    /// <summary>tests/Assets/golden in the source tree, found from this file's compile-time path.</summary>
    private static string SourceFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Assets", "golden"));
}
