using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Tests.TextRendering;

/// <summary>Where a text picture has ink (alpha above zero), read from its RGBA8 premultiplied pixels.</summary>
internal static class Ink
{
    public static StillImage Pixels(ImageClip clip) => clip.Image;

    public static byte Alpha(StillImage image, int x, int y) => image.Pixels.Span[(y * image.Width + x) * 4 + 3];

    public static (byte R, byte G, byte B, byte A) Pixel(StillImage image, int x, int y)
    {
        var i = (y * image.Width + x) * 4;
        var p = image.Pixels.Span;
        return (p[i], p[i + 1], p[i + 2], p[i + 3]);
    }

    /// <summary>The smallest rectangle holding every pixel with alpha above zero, or null when there is none.</summary>
    public static (int Left, int Top, int Right, int Bottom)? Bounds(StillImage image)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            if (Alpha(image, x, y) == 0) continue;
            (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
        }
        return right < 0 ? null : (left, top, right, bottom);
    }

    public static int Count(StillImage image, Func<(byte R, byte G, byte B, byte A), bool> which)
    {
        var count = 0;
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
            if (which(Pixel(image, x, y))) count++;
        return count;
    }

    /// <summary>
    /// No ink on the outermost rows and columns (nothing was cut), and ink within <paramref name="slack"/> pixels of
    /// every edge (the box is tight).
    /// </summary>
    public static void AssertTightAndUnclipped(StillImage image, int slack = 4)
    {
        var bounds = Bounds(image);
        Assert.True(bounds is not null, $"{image.Path} ({image.Width}x{image.Height}) has no ink at all.");
        var (left, top, right, bottom) = bounds.Value;
        var where = $"{image.Path} is {image.Width}x{image.Height} with ink from ({left}, {top}) to ({right}, {bottom})";
        Assert.True(left >= 1 && top >= 1 && right <= image.Width - 2 && bottom <= image.Height - 2, $"{where}: ink touches the border, so it may be clipped.");
        Assert.True(left <= slack && top <= slack && right >= image.Width - 1 - slack && bottom >= image.Height - 1 - slack,
            $"{where}: more than {slack} px of empty border on some side; the box is not tight.");
    }
}
