using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using SkiaSharp;
using HbBlob = HarfBuzzSharp.Blob;
using HbBuffer = HarfBuzzSharp.Buffer;
using HbFace = HarfBuzzSharp.Face;
using HbFont = HarfBuzzSharp.Font;

namespace ScriptComposer.Dsl.Text;

/// <summary>
/// Shapes runs of text in one typeface with HarfBuzz: kerning, ligatures, Arabic joining, Indic reordering and mark
/// placement, as the font's OpenType tables say. A typeface's font data is read once per process (typefaces live as long
/// as <see cref="FontCatalog"/> keeps them, which is the whole process), and its HarfBuzz font works at any size.
/// </summary>
internal static class TextShaper
{
    private static readonly ConcurrentDictionary<SKTypeface, Lazy<(HbFont Font, int UnitsPerEm)>> Fonts = new();

    /// <summary>
    /// The glyphs of <paramref name="text"/> at <paramref name="size"/> px, in visual order (left to right, also for
    /// right-to-left text); each glyph's cluster is the UTF-16 index in <paramref name="text"/> of the first character it draws.
    /// </summary>
    public static ShapedGlyph[] Shape(string text, SKTypeface typeface, float size)
    {
        var (font, unitsPerEm) = Fonts.GetOrAdd(typeface, t => new Lazy<(HbFont, int)>(() => Load(t))).Value;
        // HarfBuzz works in font units (its default scale is the units per em); Skia draws the outlines at the size.
        var scale = size / unitsPerEm;
        using var buffer = new HbBuffer();
        buffer.AddUtf16(text);
        buffer.GuessSegmentProperties();
        font.Shape(buffer);
        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var glyphs = new ShapedGlyph[infos.Length];
        for (var i = 0; i < glyphs.Length; i++)
            glyphs[i] = new ShapedGlyph((ushort)infos[i].Codepoint, positions[i].XAdvance * scale,
                positions[i].XOffset * scale, -positions[i].YOffset * scale, (int)infos[i].Cluster);
        return glyphs;
    }

    private static (HbFont Font, int UnitsPerEm) Load(SKTypeface typeface)
    {
        using var stream = typeface.OpenStream(out var index)
            ?? throw new ScriptComposerException($"The font '{typeface.FamilyName}' cannot be read for shaping. Choose another font.");
        var length = stream.Length;
        var data = Marshal.AllocHGlobal(length);
        if (stream.Read(data, length) != length)
        {
            Marshal.FreeHGlobal(data);
            throw new ScriptComposerException($"The font '{typeface.FamilyName}' could not be read in full for shaping. Reinstall it or choose another font.");
        }
        // The blob frees the copy when HarfBuzz lets go of it; the face and font keep their own references.
        using var blob = new HbBlob(data, length, HarfBuzzSharp.MemoryMode.ReadOnly, () => Marshal.FreeHGlobal(data));
        using var face = new HbFace(blob, index);
        face.MakeImmutable();
        var font = new HbFont(face);
        font.SetFunctionsOpenType();
        return (font, face.UnitsPerEm);
    }
}
