namespace ScriptComposer.Dsl.Text;

/// <summary>
/// One glyph out of <see cref="TextShaper"/>, in pixels: how far it moves the pen, where it sits relative to the pen
/// (y down), and the UTF-16 index of the first character of the run it draws.
/// </summary>
internal readonly record struct ShapedGlyph(ushort Glyph, float Advance, float OffsetX, float OffsetY, int Cluster);
