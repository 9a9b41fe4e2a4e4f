using SkiaSharp;

namespace ScriptComposer.Dsl.Text;

/// <summary>
/// One laid-out line: its characters, its glyph outlines with the pen starting at (0, 0) on the baseline, its color glyphs
/// (emoji, which are pictures, not outlines) placed the same way, and its advance without trailing spaces.
/// </summary>
internal sealed record TextLine(string Text, SKPath Outline, float Advance, IReadOnlyList<ColorGlyph> ColorGlyphs);
