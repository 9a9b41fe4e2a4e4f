using ScriptComposer.Gpu;
using ScriptComposer.Dsl.Transforms;

namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>
    /// Resamples the clip: give <paramref name="width"/> or <paramref name="height"/> alone to keep the aspect ratio, both
    /// to set the size, or <paramref name="scale"/>; <paramref name="filter"/> is "bilinear", "bicubic" or "lanczos".
    /// </summary>
    // The t => value overload below is just as applicable to a call that names no size (Resize(), Resize(filter: ...)); the
    // priority settles those here, where the error says what to give, instead of the compiler calling the call ambiguous.
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public Clip Resize(int? width = null, int? height = null, double? scale = null, string filter = "bilinear")
    {
        var resample = Filter(filter);
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

    /// <summary>
    /// A resize that changes with the clip's time: <c>Resize(scale: t => 1 + 0.05 * t)</c> (a Ken Burns zoom), or a width or
    /// height (the other keeps the aspect ratio), each a <c>t => value</c> or <c>Keyframes</c>. The clip's size is the largest
    /// it reaches over its duration (which it must have), and each frame's picture is centered in it.
    /// </summary>
    public Clip Resize(Func<double, double>? width = null, Func<double, double>? height = null, Func<double, double>? scale = null, string filter = "bilinear")
    {
        var resample = Filter(filter);
        var (sw, sh) = (Width, Height);
        Func<double, (int, int)> size = (width, height, scale) switch
        {
            (null, null, { } s) => t => (Scaled(sw, s, t), Scaled(sh, s, t)),
            ({ } w, null, null) => t => AnimatedSize.Pixels(w(t), t, "Resize's width") is var ww ? (ww, Round((double)ww * sh / sw)) : default,
            (null, { } h, null) => t => AnimatedSize.Pixels(h(t), t, "Resize's height") is var hh ? (Round((double)hh * sw / sh), hh) : default,
            ({ } w, { } h, null) => t => (AnimatedSize.Pixels(w(t), t, "Resize's width"), AnimatedSize.Pixels(h(t), t, "Resize's height")),
            _ => throw new ArgumentException("Resize takes width, height, both, or scale, each a number or a t => value; not scale with a width or height."),
        };
        var (largestWidth, largestHeight) = AnimatedSize.Largest(size, AnimatedSize.DurationOf(this, "Resize"));
        return Wrap(inner => new ResizeClip(inner, largestWidth, largestHeight, resample) { Duration = Duration, SizeAt = size });
    }

    /// <summary>Keeps the rectangle from (<paramref name="x1"/>, <paramref name="y1"/>) to (<paramref name="x2"/>, <paramref name="y2"/>), corners in pixels, x2 and y2 exclusive.</summary>
    public Clip Crop(int x1, int y1, int x2, int y2)
    {
        if (x1 < 0 || y1 < 0 || x2 > Width || y2 > Height || x2 <= x1 || y2 <= y1)
            throw new ArgumentOutOfRangeException(nameof(x1),
                $"Crop({x1}, {y1}, {x2}, {y2}) is not a rectangle inside {Describe()}, which is {Width}x{Height}: need 0 ≤ x1 < x2 ≤ {Width} and 0 ≤ y1 < y2 ≤ {Height}.");
        return Wrap(inner => new CropClip(inner, x1, y1, x2 - x1, y2 - y1) { Duration = Duration });
    }

    /// <summary>
    /// Keeps a <paramref name="width"/>×<paramref name="height"/> rectangle centered at (<paramref name="centerX"/>, <paramref name="centerY"/>);
    /// a corner that falls on half a pixel (an odd side) rounds up.
    /// </summary>
    public Clip CropCenter(double centerX, double centerY, int width, int height)
    {
        var x1 = (int)PixelRounding.HalfUp(centerX - width / 2.0);
        var y1 = (int)PixelRounding.HalfUp(centerY - height / 2.0);
        return Crop(x1, y1, x1 + width, y1 + height);
    }

    /// <summary>
    /// A crop that moves and changes with the clip's time, as corners in pixels (x2 and y2 exclusive):
    /// <c>Crop(t => (100 * t, 0, 100 * t + 640, 360))</c>. Corners are rounded to whole pixels, halves up (the far corner as the
    /// near one plus the rounded size, so a window of constant size keeps it as it moves), and a rectangle reaching past the
    /// picture keeps the part inside it. The clip's size is the largest rectangle over its duration (which it must have); each
    /// frame is centered in it.
    /// </summary>
    public Clip Crop(Func<double, (double X1, double Y1, double X2, double Y2)> rectangle)
    {
        NullArgument.ThrowIfNull(rectangle);
        var (sw, sh) = (Width, Height);
        var description = Describe();
        (int X, int Y, int Width, int Height) At(double t)
        {
            var (a, b, c, d) = rectangle(t);
            if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || !double.IsFinite(d))
                throw new ScriptComposerException($"The crop function of {description} returned ({a}, {b}, {c}, {d}) at {t:0.###} s; corners must be finite numbers of pixels.");
            var (left, top) = (PixelRounding.HalfUp(a), PixelRounding.HalfUp(b));
            var (right, bottom) = (left + PixelRounding.HalfDown(c - a), top + PixelRounding.HalfDown(d - b));
            int x1 = (int)Math.Clamp(left, 0, sw), y1 = (int)Math.Clamp(top, 0, sh);
            int x2 = (int)Math.Clamp(right, 0, sw), y2 = (int)Math.Clamp(bottom, 0, sh);
            if (x2 <= x1 || y2 <= y1)
                throw new ScriptComposerException(
                    $"The crop function of {description} returned ({a:0.##}, {b:0.##}, {c:0.##}, {d:0.##}) at {t:0.###} s, which keeps nothing of the {sw}x{sh} picture: x1 < x2 and y1 < y2, overlapping 0..{sw} and 0..{sh}.");
            return (x1, y1, x2 - x1, y2 - y1);
        }
        var (largestWidth, largestHeight) = AnimatedSize.Largest(t => At(t) is var r ? (r.Width, r.Height) : default, AnimatedSize.DurationOf(this, "Crop"));
        var first = At(0);
        return Wrap(inner => new CropClip(inner, first.X, first.Y, largestWidth, largestHeight) { Duration = Duration, RectangleAt = At });
    }

    /// <summary>
    /// A <paramref name="width"/>×<paramref name="height"/> window whose center moves with the clip's time (a pan):
    /// <c>CropCenter(t => (320 + 40 * t, 240), 640, 360)</c>. The window must stay inside the picture.
    /// </summary>
    public Clip CropCenter(Func<double, (double X, double Y)> center, int width, int height)
    {
        NullArgument.ThrowIfNull(center);
        if (width <= 0 || height <= 0 || width > Width || height > Height)
            throw new ArgumentOutOfRangeException(nameof(width), $"CropCenter's window {width}x{height} must fit inside {Describe()}, which is {Width}x{Height}.");
        var (sw, sh) = (Width, Height);
        var description = Describe();
        var moving = Crop(t =>
        {
            var (cx, cy) = center(t);
            if (!double.IsFinite(cx) || !double.IsFinite(cy))
                throw new ScriptComposerException($"The center function of {description} returned ({cx}, {cy}) at {t:0.###} s; it must return finite pixels.");
            // Kept inside the picture, so the window keeps its size.
            var x1 = Math.Clamp(PixelRounding.HalfUp(cx - width / 2.0), 0, sw - width);
            var y1 = Math.Clamp(PixelRounding.HalfUp(cy - height / 2.0), 0, sh - height);
            return (x1, y1, x1 + width, y1 + height);
        });
        return moving;
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

    /// <summary>
    /// A border that changes with the clip's time, the same on every side: <c>Margin(t => 20 * t, color: "white")</c>. The clip's size
    /// is the largest it reaches over its duration (which it must have); each frame is centered in it.
    /// </summary>
    public Clip Margin(Func<double, double> all, ColorValue color = default, double opacity = 1)
    {
        NullArgument.ThrowIfNull(all);
        if (!(opacity >= 0 && opacity <= 1))
            throw new ArgumentOutOfRangeException(nameof(opacity), $"Margin opacity must be between 0 and 1; got {opacity}.");
        var c = color.Or(Rgba.Black, nameof(color));
        var rgba = c with { A = (byte)Math.Round(c.A * opacity) };
        (int, int, int, int) Sides(double t)
        {
            var side = AnimatedSize.Pixels(all(t), t, "Margin's", min: 0);
            return (side, side, side, side);
        }
        var (largest, _) = AnimatedSize.Largest(t => (Sides(t).Item1 + 1, 1), AnimatedSize.DurationOf(this, "Margin"));
        var most = largest - 1;
        RequireSide(Width + 2 * most, Height + 2 * most, "Margin");
        return Wrap(inner => new MarginClip(inner, most, most, most, most, rgba) { Duration = Duration, SidesAt = Sides });
    }

    /// <summary>A side scaled by the scale function's value at <paramref name="t"/>; at least a pixel, as a constant scale gives.</summary>
    private static int Scaled(int side, Func<double, double> scale, double t)
    {
        var factor = scale(t);
        if (!(factor > 0 && double.IsFinite(factor)))
            throw new ScriptComposerException($"Resize's scale function returned {factor} at {t:0.###} s; a scale must be above 0 (1 keeps the size, 2 doubles it).");
        return AnimatedSize.Pixels(Math.Max(1, side * factor), t, "Resize's scale");
    }

    private static ResizeFilter Filter(string filter) => filter?.ToLowerInvariant() switch
    {
        "bilinear" => ResizeFilter.Bilinear,
        "bicubic" => ResizeFilter.Bicubic,
        "lanczos" or "lanczos3" => ResizeFilter.Lanczos3,
        _ => throw new ArgumentException($"Resize filter '{filter}' is unknown; use \"bilinear\", \"bicubic\" or \"lanczos\".", nameof(filter)),
    };

    private static int Round(double value) => Math.Max(1, (int)Math.Round(value));

    private static void RequireSide(int width, int height, string what)
    {
        if (width <= 0 || height <= 0 || width > Clips.MaxSide || height > Clips.MaxSide)
            throw new ArgumentOutOfRangeException(nameof(width), $"{what} would make a {width}x{height} clip; width and height must be between 1 and {Clips.MaxSide} pixels.");
    }
}
