using ScriptComposer.Gpu;
using SkiaSharp;

namespace ScriptComposer.Dsl.Text;

/// <summary>
/// What <c>Text(...)</c> was asked to draw, validated: the font resolved to a typeface, colors parsed, sizes in
/// pixels. <see cref="Width"/> set means caption mode (wrapped inside that width); null means label mode (the image
/// is as large as the ink).
/// </summary>
internal sealed record TextStyle(
    string Text,
    SKTypeface Typeface,
    float Size,
    Rgba Color,
    Rgba Background,
    Rgba StrokeColor,
    float StrokeWidth,
    int? Width,
    int? Height,
    TextAlign Align,
    float LineSpacing,
    float LetterSpacing)
{
    /// <summary>Transparent pixels kept around the ink (and its stroke) so antialiased edges are never cut.</summary>
    public const float Margin = 2;

    /// <summary>The room from the ink to the image's edge: the stroke, which lies outside the glyphs, plus <see cref="Margin"/>.</summary>
    public float Padding => StrokeWidth + Margin;
}
