using SkiaSharp;

namespace ScriptComposer.Dsl.Text;

/// <summary>
/// One laid-out line: its characters, its glyph outlines with the pen starting at (0, 0) on the baseline, and its
/// advance without trailing spaces.
/// </summary>
internal sealed record TextLine(string Text, SKPath Outline, float Advance);
