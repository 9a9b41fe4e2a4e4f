using SkiaSharp;

namespace ScriptComposer.Dsl.Text;

/// <summary>A glyph of a color font (Noto Color Emoji), drawn as the font's picture at (<see cref="X"/>, <see cref="Y"/>) from the line's pen.</summary>
internal readonly record struct ColorGlyph(SKFont Font, ushort Glyph, float X, float Y)
{
    /// <summary>Where the picture lies, from the line's pen.</summary>
    public SKRect Bounds
    {
        get
        {
            var bounds = new SKRect[1];
            Font.GetGlyphWidths([Glyph], new float[1], bounds);
            var b = bounds[0];
            return new SKRect(b.Left + X, b.Top + Y, b.Right + X, b.Bottom + Y);
        }
    }
}
