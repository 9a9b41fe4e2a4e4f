using System.Text;
using SkiaSharp;

namespace ScriptComposer.Dsl.Text;

/// <summary>
/// Turns text into lines of glyph outlines: one glyph per Unicode scalar (no shaping: Latin, Greek, Cyrillic and CJK
/// are right; scripts that need shaping such as Arabic or Devanagari are not), each from the chosen typeface or, when
/// it lacks the character, from a fallback face that has it; caption mode wraps at spaces and between CJK characters,
/// and breaks a word only when it alone is wider than the line.
/// </summary>
internal sealed class TextLayout : IDisposable
{
    private readonly TextStyle _style;
    private readonly SKFont _primary;
    private readonly Dictionary<SKTypeface, SKFont> _fonts = [];
    private readonly Dictionary<(SKFont, ushort), SKPath?> _paths = [];

    public TextLayout(TextStyle style)
    {
        _style = style;
        _primary = FontFor(style.Typeface);
    }

    /// <summary>The distance between baselines: the font's line height times the line spacing.</summary>
    public float LineHeight => _primary.Spacing * _style.LineSpacing;

    /// <summary>How far the font's em box reaches above (positive) and below the baseline.</summary>
    public (float Ascent, float Descent) Metrics => (-_primary.Metrics.Ascent, _primary.Metrics.Descent);

    /// <summary>The lines of the text; with <paramref name="wrapWidth"/>, paragraphs wrapped to that advance width.</summary>
    public IReadOnlyList<TextLine> Lines(float? wrapWidth)
    {
        var lines = new List<TextLine>();
        foreach (var paragraph in _style.Text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            var clusters = Clusters(paragraph);
            if (wrapWidth is { } width)
                lines.AddRange(Wrap(clusters, width).Select(Line));
            else
                lines.Add(Line(clusters));
        }
        return lines;
    }

    public void Dispose()
    {
        foreach (var path in _paths.Values) path?.Dispose();
        foreach (var font in _fonts.Values) font.Dispose();
    }

    private List<Cluster> Clusters(string paragraph)
    {
        var clusters = new List<Cluster>();
        foreach (var rune in paragraph.Replace("\t", "    ").EnumerateRunes())
        {
            if (Rune.IsControl(rune) || IsIgnorable(rune.Value))
                continue;
            var font = _primary;
            var glyph = font.GetGlyph(rune.Value);
            if (glyph == 0 && !Rune.IsWhiteSpace(rune) && FontCatalog.Fallback(_style.Typeface, rune.Value) is { } fallback)
            {
                font = FontFor(fallback);
                glyph = font.GetGlyph(rune.Value);
            }
            var advance = font.GetGlyphWidths([glyph])[0];
            clusters.Add(new Cluster(rune, font, glyph, advance));
        }
        return clusters;
    }

    /// <summary>Greedy wrapping over break opportunities; a piece wider than the line on its own is split between characters.</summary>
    private List<List<Cluster>> Wrap(List<Cluster> clusters, float width)
    {
        var lines = new List<List<Cluster>>();
        var line = new List<Cluster>();
        foreach (var piece in Pieces(clusters))
        {
            if (line.Count > 0 && Measure(line, piece) > width)
            {
                lines.Add(line);
                line = [];
            }
            if (line.Count == 0 && Measure(line, piece) > width)
            {
                // A word longer than the line: as many characters as fit on each line, at least one.
                foreach (var cluster in piece)
                {
                    if (line.Count > 0 && Measure(line, [cluster]) > width)
                    {
                        lines.Add(line);
                        line = [];
                    }
                    if (line.Count > 0 || !Rune.IsWhiteSpace(cluster.Rune))
                        line.Add(cluster);
                }
                continue;
            }
            line.AddRange(piece);
        }
        lines.Add(line);
        return lines;
    }

    /// <summary>The runs between break opportunities: a word with the spaces after it, or a single CJK character.</summary>
    private static IEnumerable<List<Cluster>> Pieces(List<Cluster> clusters)
    {
        var piece = new List<Cluster>();
        for (var i = 0; i < clusters.Count; i++)
        {
            piece.Add(clusters[i]);
            var next = i + 1 < clusters.Count ? clusters[i + 1].Rune : (Rune?)null;
            if (next is not { } following)
                break;
            var here = clusters[i].Rune;
            var breakHere = (Rune.IsWhiteSpace(here) && !Rune.IsWhiteSpace(following)) ||
                            ((IsCjk(here.Value) || IsCjk(following.Value)) && !Rune.IsWhiteSpace(following) && !NoBreakBefore(following.Value));
            if (breakHere)
            {
                yield return piece;
                piece = [];
            }
        }
        if (piece.Count > 0)
            yield return piece;
    }

    /// <summary>The advance width of <paramref name="line"/> followed by <paramref name="more"/>, without trailing spaces.</summary>
    private float Measure(List<Cluster> line, List<Cluster> more)
    {
        var all = line.Concat(more).ToList();
        var count = all.Count;
        while (count > 0 && Rune.IsWhiteSpace(all[count - 1].Rune))
            count--;
        var width = 0f;
        for (var i = 0; i < count; i++)
            width += all[i].Advance + (i > 0 ? _style.LetterSpacing : 0);
        return width;
    }

    private TextLine Line(List<Cluster> clusters)
    {
        using var outline = new SKPathBuilder();
        var x = 0f;
        foreach (var cluster in clusters)
        {
            if (GlyphPath(cluster.Font, cluster.Glyph) is { } path)
                outline.AddPath(path, x, 0);
            x += cluster.Advance + _style.LetterSpacing;
        }
        return new TextLine(string.Concat(clusters.Select(c => c.Rune.ToString())), outline.Detach(), Measure(clusters, []));
    }

    private SKPath? GlyphPath(SKFont font, ushort glyph)
    {
        if (!_paths.TryGetValue((font, glyph), out var path))
            _paths[(font, glyph)] = path = font.GetGlyphPath(glyph);
        return path;
    }

    private SKFont FontFor(SKTypeface typeface)
    {
        if (!_fonts.TryGetValue(typeface, out var font))
        {
            _fonts[typeface] = font = new SKFont(typeface, _style.Size)
            {
                Subpixel = true,
                LinearMetrics = true,
                Hinting = SKFontHinting.None,
                Edging = SKFontEdging.Antialias,
            };
        }
        return font;
    }

    /// <summary>Ideographs, kana, hangul and full-width forms: a line may break between any two of them.</summary>
    private static bool IsCjk(int c) =>
        c is >= 0x2E80 and <= 0x9FFF or >= 0xAC00 and <= 0xD7AF or >= 0xF900 and <= 0xFAFF or >= 0xFF00 and <= 0xFFEF or >= 0x20000 and <= 0x3FFFF;

    /// <summary>Closing punctuation that must stay on the line of the character before it.</summary>
    private static bool NoBreakBefore(int c) => "，。、．！？：；）」』】〕〉》ー々〜…,.!?:;)]}".Contains(char.ConvertFromUtf32(c), StringComparison.Ordinal);

    /// <summary>Zero-width format characters (zero-width space and joiners, variation selectors, BOM), which draw nothing.</summary>
    private static bool IsIgnorable(int c) => c is >= 0x200B and <= 0x200F or >= 0x2060 and <= 0x206F or >= 0xFE00 and <= 0xFE0F or 0xFEFF;

    private readonly record struct Cluster(Rune Rune, SKFont Font, ushort Glyph, float Advance);
}
