using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl;

/// <summary>
/// Gradient sources with moviepy's <c>color_gradient</c> semantics: the color goes from <c>color1</c> at p1 to
/// <c>color2</c> at p2 (or at the radius), clamped beyond; <c>offset</c> (0 to 1) holds color1 for that fraction of
/// the way first. Points are in pixels; endless until given a duration.
/// </summary>
public static class Gradient
{
    public static GradientClip Linear(int width, int height, (double X, double Y) from, (double X, double Y) to, ColorValue color1, ColorValue color2, double offset = 0)
    {
        RequireDistinct(from, to);
        return Make(width, height, GradientKind.Linear, from, to, 0, color1, color2, offset);
    }

    /// <summary>A linear gradient from <paramref name="from"/> along <paramref name="vector"/>.</summary>
    public static GradientClip LinearAlong(int width, int height, (double X, double Y) from, (double X, double Y) vector, ColorValue color1, ColorValue color2, double offset = 0) =>
        Linear(width, height, from, (from.X + vector.X, from.Y + vector.Y), color1, color2, offset);

    /// <summary>Symmetric around <paramref name="from"/>: color1 there, color2 at <paramref name="to"/> and at its mirror image.</summary>
    public static GradientClip Bilinear(int width, int height, (double X, double Y) from, (double X, double Y) to, ColorValue color1, ColorValue color2, double offset = 0)
    {
        RequireDistinct(from, to);
        return Make(width, height, GradientKind.Bilinear, from, to, 0, color1, color2, offset);
    }

    /// <summary>color1 at <paramref name="center"/>, color2 from <paramref name="radius"/> pixels away.</summary>
    public static GradientClip Radial(int width, int height, (double X, double Y) center, double radius, ColorValue color1, ColorValue color2, double offset = 0)
    {
        if (!double.IsFinite(radius) || radius <= 0)
            throw new ArgumentOutOfRangeException(nameof(radius), $"A radial gradient needs a positive radius in pixels; got {radius}.");
        return Make(width, height, GradientKind.Radial, center, center, radius, color1, color2, offset);
    }

    private static GradientClip Make(int width, int height, GradientKind kind, (double X, double Y) p1, (double X, double Y) p2, double radius, ColorValue color1, ColorValue color2, double offset)
    {
        _ = Clips.Color(width, height);
        if (!(offset >= 0 && offset < 1))
            throw new ArgumentOutOfRangeException(nameof(offset), $"A gradient's offset is the fraction of the way that keeps color1, from 0 up to (not including) 1; got {offset}.");
        if (!double.IsFinite(p1.X) || !double.IsFinite(p1.Y) || !double.IsFinite(p2.X) || !double.IsFinite(p2.Y))
            throw new ArgumentOutOfRangeException(nameof(p1), "Gradient points must be finite numbers of pixels.");
        var parameters = new GradientParams(kind, (float)p1.X, (float)p1.Y, (float)p2.X, (float)p2.Y, (float)radius,
            color1.Resolve(nameof(color1)), color2.Resolve(nameof(color2)), (float)offset);
        return new GradientClip(width, height, parameters);
    }

    private static void RequireDistinct((double X, double Y) from, (double X, double Y) to)
    {
        if (from == to)
            throw new ArgumentException($"A gradient's two points are both ({from.X}, {from.Y}); give two different points.", nameof(to));
    }
}
