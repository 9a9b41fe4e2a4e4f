using System.Globalization;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Gpu;
using SkiaSharp;

namespace ScriptComposer.Dsl.Text;

/// <summary>
/// Draws a <see cref="TextStyle"/> into RGBA8 premultiplied pixels with SkiaSharp. The stroke lies outside the glyphs:
/// it is drawn at twice its width under the fill, and the fill replaces what is under it (so a translucent fill does
/// not show the stroke through). Label mode sizes the image to the ink plus stroke plus a margin; caption mode wraps
/// inside the given width and is as tall as its lines (or the given height, centered in it).
/// </summary>
internal static class TextRenderer
{
    public static StillImage Render(TextStyle style)
    {
        using var layout = new TextLayout(style);
        var pad = style.Padding;
        var wrap = style.Width is { } boxWidth ? boxWidth - 2 * pad : (float?)null;
        var lines = layout.Lines(wrap);
        try
        {
            if (layout.Missing.Count > 0)
                Scripting.ScriptWarnings.NoteMissingCharacters(layout.Missing);
            using var builder = new SKPathBuilder();
            var colors = new List<ColorGlyph>();
            var widest = lines.Max(l => l.Advance);
            for (var i = 0; i < lines.Count; i++)
            {
                var x = style.Align switch
                {
                    TextAlign.Center => (style.Width is { } w ? w - 2 * pad : widest) / 2 - lines[i].Advance / 2,
                    TextAlign.Right => (style.Width is { } w ? w - 2 * pad : widest) - lines[i].Advance,
                    _ => 0,
                };
                builder.AddPath(lines[i].Outline, x, i * layout.LineHeight);
                colors.AddRange(lines[i].ColorGlyphs.Select(g => g with { X = g.X + x, Y = g.Y + i * layout.LineHeight }));
            }
            using var outline = builder.Detach();
            var ink = outline.TightBounds;
            foreach (var color in colors)
                ink = ink.Width > 0 && ink.Height > 0 ? SKRect.Union(ink, color.Bounds) : color.Bounds;
            var (ascent, descent) = layout.Metrics;
            var lastBaseline = (lines.Count - 1) * layout.LineHeight;

            // The box around the ink, in layout coordinates (the first baseline at y = 0, the line start at x = 0).
            SKRect box;
            if (style.Width is { } width)
            {
                if (lines.Any(l => l.Advance > wrap))
                {
                    // Only a character wider than the whole line gets here: wrapping keeps every other line inside.
                    throw new ScriptComposerException(
                        $"The caption width {width} px is too narrow for {Excerpt(style.Text)} at size {style.Size}: one character alone needs " +
                        $"{Math.Ceiling(ink.Width + 2 * pad)} px. Give a larger width or a smaller size.");
                }
                var top = Math.Min(-ascent, ink.Height > 0 ? ink.Top : 0) - pad;
                var bottom = Math.Max(lastBaseline + descent, ink.Height > 0 ? ink.Bottom : 0) + pad;
                var needed = (int)Math.Ceiling(bottom - top);
                if (style.Height is { } height)
                {
                    if (height < needed)
                        throw new ScriptComposerException(
                            $"{Excerpt(style.Text)} needs {needed} px of height in a {width} px wide caption at size {style.Size}, but height is {height}. " +
                            "Give a larger height, leave height out to fit the text, or make the text smaller.");
                    top -= (height - (bottom - top)) / 2;
                    needed = height;
                }
                box = SKRect.Create(-pad, top, width, needed);
            }
            else if (ink.Width > 0 && ink.Height > 0)
            {
                ink.Inflate(pad, pad);
                box = new SKRect(MathF.Floor(ink.Left), MathF.Floor(ink.Top), MathF.Ceiling(ink.Right), MathF.Ceiling(ink.Bottom));
            }
            else
            {
                // Nothing to draw (empty or blank text): a transparent box one line tall and as wide as the spaces.
                box = new SKRect(-pad, MathF.Floor(-ascent - pad), MathF.Ceiling(widest + pad), MathF.Ceiling(lastBaseline + descent + pad));
            }

            var (pixelWidth, pixelHeight) = ((int)box.Width, (int)box.Height);
            if (pixelWidth > Clips.MaxSide || pixelHeight > Clips.MaxSide)
                throw new ScriptComposerException(
                    $"{Excerpt(style.Text)} at size {style.Size} would be {pixelWidth}x{pixelHeight} pixels, more than {Clips.MaxSide} on a side. " +
                    "Make it smaller, or give a caption width so it wraps.");
            return Draw(style, outline, colors, box, pixelWidth, pixelHeight);
        }
        finally
        {
            foreach (var line in lines) line.Outline.Dispose();
        }
    }

    private static StillImage Draw(TextStyle style, SKPath outline, IReadOnlyList<ColorGlyph> colors, SKRect box, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var pixels = new byte[info.BytesSize];
        unsafe
        {
            fixed (byte* p = pixels)
            {
                using var surface = SKSurface.Create(info, (IntPtr)p, info.RowBytes)
                    ?? throw new ScriptComposerException($"SkiaSharp could not make a {width}x{height} surface for {Excerpt(style.Text)}.");
                var canvas = surface.Canvas;
                canvas.Clear(ToSk(style.Background));
                canvas.Translate(-box.Left, -box.Top);
                canvas.SaveLayer();
                if (style.StrokeWidth > 0 && style.StrokeColor.A > 0)
                {
                    using var stroke = new SKPaint
                    {
                        IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 2 * style.StrokeWidth,
                        StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Round, Color = ToSk(style.StrokeColor),
                    };
                    canvas.DrawPath(outline, stroke);
                }
                using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = ToSk(style.Color), BlendMode = SKBlendMode.Src };
                canvas.DrawPath(outline, fill);
                if (colors.Count > 0)
                {
                    // Emoji are the font's own pictures: drawn as they are, neither filled with the text's color nor stroked.
                    using var pictures = new SKPaint { IsAntialias = true };
                    foreach (var color in colors)
                    {
                        using var builder = new SKTextBlobBuilder();
                        var run = builder.AllocatePositionedRun(color.Font, 1);
                        run.Glyphs[0] = color.Glyph;
                        run.Positions[0] = new SKPoint(color.X, color.Y);
                        using var blob = builder.Build();
                        if (blob is not null)
                            canvas.DrawText(blob, 0, 0, pictures);
                    }
                }
                canvas.Restore();
                canvas.Flush();
            }
        }
        return new StillImage(PseudoPath(style.Text), width, height, pixels, isFile: false);
    }

    /// <summary>
    /// What stands for a file path in the image: <c>text "Summer 2026"</c>. It names no file (no '/', so
    /// <c>ImageClip.Describe</c> shows all of it), and no output is likely to be called that.
    /// </summary>
    internal static string PseudoPath(string text) => $"text {Excerpt(text).Replace('/', '∕').Replace("\0", "", StringComparison.Ordinal)}";

    /// <summary>The text quoted for messages, on one line, shortened past 40 characters.</summary>
    internal static string Excerpt(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return string.Create(CultureInfo.InvariantCulture, $"\"{(oneLine.Length > 40 ? oneLine[..39] + "…" : oneLine)}\"");
    }

    private static SKColor ToSk(Rgba c) => new(c.R, c.G, c.B, c.A);
}
