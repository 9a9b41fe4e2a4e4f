using ScriptComposer.Dsl.Text;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl;

public static partial class Clips
{
    /// <summary>The largest font size accepted, in pixels.</summary>
    public const double MaxTextSize = 2048;

    /// <summary>
    /// Text drawn with SkiaSharp as a still picture (endless until given a duration); where the background is
    /// transparent (the default), the text's alpha is its mask.
    /// <list type="bullet">
    /// <item><paramref name="font"/>: a family name from the system font folders ("DejaVu Sans", "DejaVu Sans Bold"), or a .ttf/.otf/.ttc path.
    /// Characters the font lacks (e.g. CJK) are drawn from an installed font that has them.</item>
    /// <item><paramref name="size"/>: the font size in pixels; <paramref name="color"/>, <paramref name="bg"/>: colors as for <c>Color</c>.</item>
    /// <item><paramref name="stroke"/>: an outline of that color and width in pixels, outside the glyphs: <c>stroke: ("black", 3)</c>.</item>
    /// <item>Label mode (no <paramref name="width"/>): one line per '\n', the picture as large as the ink plus stroke plus 2 px.</item>
    /// <item>Caption mode (<paramref name="width"/> set): wrapped at spaces (and between CJK characters) inside that width;
    /// as tall as the lines, or <paramref name="height"/> with the lines centered in it.</item>
    /// <item><paramref name="align"/>: "left", "center" or "right"; <paramref name="lineSpacing"/>: baseline distance as a multiple of
    /// the font's line height; <paramref name="letterSpacing"/>: extra pixels between characters (negative tightens).</item>
    /// </list>
    /// </summary>
    public static ImageClip Text(string text, string font = "DejaVu Sans", double size = 48, ColorValue color = default, ColorValue bg = default,
        (ColorValue Color, double Width)? stroke = null, int? width = null, string align = "left", double lineSpacing = 1.0,
        double letterSpacing = 0, int? height = null)
    {
        NullArgument.ThrowIfNull(text);
        var problems = new List<(string Parameter, string Message)>();
        if (string.IsNullOrWhiteSpace(font))
            problems.Add((nameof(font), "font must be a family name such as \"DejaVu Sans\" or the path of a .ttf/.otf file."));
        if (!(size > 0 && size <= MaxTextSize))
            problems.Add((nameof(size), $"size is the font size in pixels, above 0 and at most {MaxTextSize}; got {size}."));
        var fill = color.IsGiven ? ParseColor(color, nameof(color), problems) : Gpu.Rgba.White;
        var background = bg.IsGiven ? ParseColor(bg, nameof(bg), problems) : Gpu.Rgba.Transparent;
        var (strokeColor, strokeWidth) = (Gpu.Rgba.Transparent, 0.0);
        if (stroke is { } s)
        {
            strokeColor = ParseColor(s.Color, "stroke", problems);
            strokeWidth = s.Width;
            if (!(s.Width >= 0 && s.Width <= MaxTextSize / 2))
                problems.Add(("stroke", $"The stroke width is in pixels, from 0 (no stroke) up to {MaxTextSize / 2}; got {s.Width}. Write e.g. stroke: (\"black\", 3)."));
        }
        if (width is { } w && (w <= 0 || w > MaxSide))
            problems.Add((nameof(width), $"width is the caption's width in pixels, between 1 and {MaxSide}; got {w}. Leave it out for a label sized to the text."));
        if (height is { } h)
        {
            if (width is null)
                problems.Add((nameof(height), "height sets a caption's height, so it needs a width too; give width, or leave height out for a label sized to the text."));
            if (h <= 0 || h > MaxSide)
                problems.Add((nameof(height), $"height is the caption's height in pixels, between 1 and {MaxSide}; got {h}."));
        }
        TextAlign alignment = default;
        if (align is null || !Enum.TryParse(align.Trim(), ignoreCase: true, out alignment) || !Enum.IsDefined(alignment) || int.TryParse(align, out _))
            problems.Add((nameof(align), $"align must be \"left\", \"center\" or \"right\"; got {(align is null ? "null" : $"\"{align}\"")}."));
        if (!(lineSpacing > 0 && lineSpacing <= 10))
            problems.Add((nameof(lineSpacing), $"lineSpacing is a multiple of the font's line height, above 0 and at most 10 (1 is normal); got {lineSpacing}."));
        if (!double.IsFinite(letterSpacing) || letterSpacing < -size / 2 || letterSpacing > MaxTextSize)
            problems.Add((nameof(letterSpacing), $"letterSpacing is extra pixels between characters, from -size/2 ({-size / 2}) up to {MaxTextSize}; got {letterSpacing}."));

        switch (problems.Count)
        {
            case 1:
                throw new ArgumentException($"Text: {problems[0].Message}", problems[0].Parameter);
            case > 1:
                throw new ArgumentException($"Text has {problems.Count} problems:\n  " + string.Join("\n  ", problems.Select(p => p.Message)), problems[0].Parameter);
        }

        var style = new TextStyle(text, FontCatalog.Resolve(font), (float)size, fill, background, strokeColor, (float)strokeWidth,
            width, height, alignment, (float)lineSpacing, (float)letterSpacing);
        return new ImageClip(TextRenderer.Render(style));
    }

    private static Rgba ParseColor(ColorValue value, string parameter, List<(string, string)> problems)
    {
        if (value.TryResolve(out var rgba, out var problem))
            return rgba;
        problems.Add((parameter, $"{parameter}: {problem}"));
        return default;
    }
}
