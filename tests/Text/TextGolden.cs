using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Tests.TextRendering;

/// <summary>
/// Compares rendered text (RGBA8 premultiplied) with <c>tests/Assets/text/NAME.png</c> within ±2 per channel, in
/// premultiplied values (so faint antialiased edges are not magnified), naming the first differing pixels. With
/// <c>SC_UPDATE_GOLDEN=1</c> it (re)writes the golden in the source tree instead: look at the PNG before committing it.
/// </summary>
internal static class TextGolden
{
    public const int Tolerance = 2;
    private const int Shown = 8;

    public static void AssertMatches(string name, StillImage actual)
    {
        if (Environment.GetEnvironmentVariable("SC_UPDATE_GOLDEN") == "1")
        {
            PngWriter.Write(Path.Combine(SourceFolder(), $"{name}.png"), actual.Pixels.Span, actual.Width, actual.Height);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "Assets", "text", $"{name}.png");
        if (!File.Exists(path))
            Assert.Fail($"The golden image '{path}' is missing. Run the test once with SC_UPDATE_GOLDEN=1 to write tests/Assets/text/{name}.png, look at it, and commit it.");
        var expected = ImageLoader.Load(path);
        if (expected.Width != actual.Width || expected.Height != actual.Height)
            Assert.Fail($"{actual.Path} is {actual.Width}x{actual.Height} but the golden {name}.png is {expected.Width}x{expected.Height}.");

        var e = expected.Pixels.Span;
        var a = actual.Pixels.Span;
        var report = new StringBuilder();
        var differing = 0;
        var largest = 0;
        for (var i = 0; i < a.Length; i += 4)
        {
            var off = 0;
            for (var c = 0; c < 4; c++)
                off = Math.Max(off, Math.Abs(e[i + c] - a[i + c]));
            if (off <= Tolerance) continue;
            largest = Math.Max(largest, off);
            if (differing++ < Shown)
            {
                var (x, y) = (i / 4 % actual.Width, i / 4 / actual.Width);
                report.Append(CultureInfo.InvariantCulture,
                    $"\n  ({x}, {y}): golden ({e[i]}, {e[i + 1]}, {e[i + 2]}, {e[i + 3]}), got ({a[i]}, {a[i + 1]}, {a[i + 2]}, {a[i + 3]})");
            }
        }
        if (differing == 0) return;
        var saved = Path.Combine(Path.GetTempPath(), "sc-golden-actual", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
        PngWriter.Write(saved, a, actual.Width, actual.Height);
        Assert.Fail($"{actual.Path} differs from the golden {name}.png in {differing} of {actual.Width * actual.Height} pixels by more than ±{Tolerance} " +
                    $"(premultiplied; largest {largest}); first:{report}\n" +
                    $"The rendered image is at {saved}. If the change is intended, rerun with SC_UPDATE_GOLDEN=1, look at the PNG, and commit it.");
    }

    /// <summary>tests/Assets/text in the source tree, found from this file's compile-time path.</summary>
    private static string SourceFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Assets", "text"));
}
