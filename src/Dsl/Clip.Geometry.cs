using ScriptComposer.Gpu;
using ScriptComposer.Dsl.Transforms;

namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>
    /// Resamples the clip: give <paramref name="width"/> or <paramref name="height"/> alone to keep the aspect ratio, both
    /// to set the size, or <paramref name="scale"/>; <paramref name="filter"/> is "bilinear", "bicubic" or "lanczos".
    /// </summary>
    public Clip Resize(int? width = null, int? height = null, double? scale = null, string filter = "bilinear")
    {
        var resample = filter.ToLowerInvariant() switch
        {
            "bilinear" => ResizeFilter.Bilinear,
            "bicubic" => ResizeFilter.Bicubic,
            "lanczos" or "lanczos3" => ResizeFilter.Lanczos3,
            _ => throw new ArgumentException($"Resize filter '{filter}' is unknown; use \"bilinear\", \"bicubic\" or \"lanczos\".", nameof(filter)),
        };
        var (w, h) = (width, height, scale) switch
        {
            (null, null, { } s) when double.IsFinite(s) && s > 0 => (Round(Width * s), Round(Height * s)),
            ({ } ww, null, null) => (ww, Round((double)ww * Height / Width)),
            (null, { } hh, null) => (Round((double)hh * Width / Height), hh),
            ({ } ww, { } hh, null) => (ww, hh),
            _ => throw new ArgumentException($"Resize takes width, height, both, or a positive scale; got width={width}, height={height}, scale={scale}."),
        };
        RequireSide(w, h, "Resize");
        return Wrap(inner => new ResizeClip(inner, w, h, resample) { Duration = Duration });
    }

    /// <summary>Keeps the rectangle from (<paramref name="x1"/>, <paramref name="y1"/>) to (<paramref name="x2"/>, <paramref name="y2"/>), corners in pixels, x2 and y2 exclusive.</summary>
    public Clip Crop(int x1, int y1, int x2, int y2)
    {
        if (x1 < 0 || y1 < 0 || x2 > Width || y2 > Height || x2 <= x1 || y2 <= y1)
            throw new ArgumentOutOfRangeException(nameof(x1),
                $"Crop({x1}, {y1}, {x2}, {y2}) is not a rectangle inside {Describe()}, which is {Width}x{Height}: need 0 ≤ x1 < x2 ≤ {Width} and 0 ≤ y1 < y2 ≤ {Height}.");
        return Wrap(inner => new CropClip(inner, x1, y1, x2 - x1, y2 - y1) { Duration = Duration });
    }

    /// <summary>Keeps a <paramref name="width"/>×<paramref name="height"/> rectangle centered at (<paramref name="centerX"/>, <paramref name="centerY"/>).</summary>
    public Clip CropCenter(double centerX, double centerY, int width, int height)
    {
        var x1 = (int)Math.Round(centerX - width / 2.0);
        var y1 = (int)Math.Round(centerY - height / 2.0);
        return Crop(x1, y1, x1 + width, y1 + height);
    }

    /// <summary>Adds a border: <paramref name="all"/> pixels on each side, or each side its own.</summary>
    public Clip Margin(int all = 0, int? left = null, int? right = null, int? top = null, int? bottom = null, ColorValue color = default, double opacity = 1)
    {
        int l = left ?? all, r = right ?? all, t = top ?? all, b = bottom ?? all;
        if (l < 0 || r < 0 || t < 0 || b < 0)
            throw new ArgumentOutOfRangeException(nameof(all), $"Margins must not be negative; got left {l}, right {r}, top {t}, bottom {b}. Use Crop to remove pixels.");
        if (!(opacity >= 0 && opacity <= 1))
            throw new ArgumentOutOfRangeException(nameof(opacity), $"Margin opacity must be between 0 and 1; got {opacity}.");
        var c = color.Or(Rgba.Black, nameof(color));
        var rgba = c with { A = (byte)Math.Round(c.A * opacity) };
        RequireSide(Width + l + r, Height + t + b, "Margin");
        return Wrap(inner => new MarginClip(inner, l, r, t, b, rgba) { Duration = Duration });
    }

    private static int Round(double value) => Math.Max(1, (int)Math.Round(value));

    private static void RequireSide(int width, int height, string what)
    {
        if (width <= 0 || height <= 0 || width > Clips.MaxSide || height > Clips.MaxSide)
            throw new ArgumentOutOfRangeException(nameof(width), $"{what} would make a {width}x{height} clip; width and height must be between 1 and {Clips.MaxSide} pixels.");
    }
}
