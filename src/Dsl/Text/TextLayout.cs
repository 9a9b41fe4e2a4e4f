using System.Text;
using SkiaSharp;

namespace ScriptComposer.Dsl.Text;

/// <summary>
/// Turns text into lines of glyph outlines. Each character is drawn from the chosen typeface or, when it lacks the
/// character, from a fallback face that has it; runs of one face are shaped by HarfBuzz (<see cref="TextShaper"/>), so
/// kerning, ligatures, Arabic joining and Indic clusters come out as the font says. A paragraph whose first strong
/// character is right-to-left (Arabic, Hebrew, ...) lays its words from right to left; there is no full bidirectional
/// algorithm, so a run of several left-to-right words inside such a paragraph reads in reverse word order. Caption mode
/// wraps at spaces and between CJK characters, and breaks a word only when it alone is wider than the line.
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
            var letters = Letters(paragraph);
            var rightToLeft = letters.Select(l => Direction(l.Rune)).FirstOrDefault(d => d != 0) < 0;
            var pieces = Pieces(letters).Select(Shape).ToList();
            if (wrapWidth is { } width)
                lines.AddRange(Wrap(pieces, width, rightToLeft).Select(line => Line(line, rightToLeft)));
            else
                lines.Add(Line(pieces, rightToLeft));
        }
        return lines;
    }

    public void Dispose()
    {
        foreach (var path in _paths.Values) path?.Dispose();
        foreach (var font in _fonts.Values) font.Dispose();
    }

    /// <summary>The paragraph's characters, each with the face that draws it (the chosen one, or a fallback that has it).</summary>
    private List<Letter> Letters(string paragraph)
    {
        var letters = new List<Letter>();
        foreach (var rune in paragraph.Replace("\t", "    ").EnumerateRunes())
        {
            if (Rune.IsControl(rune))
                continue;
            var typeface = _style.Typeface;
            // Joiners, variation selectors and marks go to HarfBuzz with the face of the character they belong to.
            if (IsIgnorable(rune.Value) || IsMark(rune))
            {
                if (letters.Count > 0) typeface = letters[^1].Typeface;
            }
            else if (_primary.GetGlyph(rune.Value) == 0 && !Rune.IsWhiteSpace(rune) && FontCatalog.Fallback(_style.Typeface, rune.Value) is { } fallback)
            {
                typeface = fallback;
            }
            letters.Add(new Letter(rune, typeface));
        }
        return letters;
    }

    /// <summary>Greedy wrapping over pieces; a piece wider than the line on its own is split between characters.</summary>
    private List<List<Piece>> Wrap(List<Piece> pieces, float width, bool rightToLeft)
    {
        var lines = new List<List<Piece>>();
        var line = new List<Piece>();
        foreach (var piece in pieces)
        {
            if (line.Count > 0 && Advance([.. line, piece], rightToLeft) > width)
            {
                lines.Add(line);
                line = [];
            }
            if (line.Count == 0 && piece.InkWidth > width)
            {
                // A word longer than the line: as many characters as fit on each line, at least one.
                var parts = Split(piece.Letters, width);
                lines.AddRange(parts.SkipLast(1).Select(p => new List<Piece> { p }));
                line = [parts[^1]];
                continue;
            }
            line.Add(piece);
        }
        lines.Add(line);
        return lines;
    }

    /// <summary>A too-long word in parts that each fit <paramref name="width"/> (at least one character each, marks kept with it).</summary>
    private List<Piece> Split(List<Letter> letters, float width)
    {
        var parts = new List<Piece>();
        var start = 0;
        while (start < letters.Count)
        {
            if (parts.Count > 0 && Rune.IsWhiteSpace(letters[start].Rune))
            {
                start++;
                continue;
            }
            var end = start + 1;
            while (end < letters.Count && (IsMark(letters[end].Rune) || Shape(letters[start..(end + 1)]).InkWidth <= width))
                end++;
            parts.Add(Shape(letters[start..end]));
            start = end;
        }
        return parts.Count > 0 ? parts : [Shape(letters)];
    }

    /// <summary>The runs between break opportunities: a word with the spaces after it, or a single CJK character.</summary>
    private static IEnumerable<List<Letter>> Pieces(List<Letter> letters)
    {
        var piece = new List<Letter>();
        for (var i = 0; i < letters.Count; i++)
        {
            piece.Add(letters[i]);
            var next = i + 1 < letters.Count ? letters[i + 1].Rune : (Rune?)null;
            if (next is not { } following)
                break;
            var here = letters[i].Rune;
            var breakHere = (Rune.IsWhiteSpace(here) && !Rune.IsWhiteSpace(following)) ||
                            ((IsCjk(here.Value) || IsCjk(following.Value)) && !Rune.IsWhiteSpace(following) && !NoBreakBefore(following.Value) && !IsMark(following));
            if (breakHere)
            {
                yield return piece;
                piece = [];
            }
        }
        if (piece.Count > 0)
            yield return piece;
    }

    /// <summary>
    /// Shapes a piece: each run of one face through HarfBuzz, the runs in visual order, the letter spacing after every
    /// cluster; and where its ink lies, without the spaces that end it.
    /// </summary>
    private Piece Shape(List<Letter> letters)
    {
        var runs = new List<(ShapedGlyph[] Glyphs, SKFont Font, int[] LetterOf)>();
        var rightToLeft = letters.Select(l => Direction(l.Rune)).FirstOrDefault(d => d != 0) < 0;
        for (var start = 0; start < letters.Count;)
        {
            var end = start + 1;
            while (end < letters.Count && letters[end].Typeface == letters[start].Typeface)
                end++;
            var text = new StringBuilder();
            var letterOf = new List<int>();
            for (var i = start; i < end; i++)
            {
                var rune = letters[i].Rune.ToString();
                text.Append(rune);
                letterOf.AddRange(Enumerable.Repeat(i, rune.Length));
            }
            runs.Add((TextShaper.Shape(text.ToString(), letters[start].Typeface, _style.Size), FontFor(letters[start].Typeface), [.. letterOf]));
            start = end;
        }
        if (rightToLeft)
            runs.Reverse();

        var lastInk = letters.FindLastIndex(l => !Rune.IsWhiteSpace(l.Rune));
        var placed = new List<PlacedGlyph>();
        float x = 0, inkStart = float.MaxValue, inkEnd = float.MinValue;
        foreach (var (glyphs, font, letterOf) in runs)
        {
            for (var i = 0; i < glyphs.Length; i++)
            {
                var glyph = glyphs[i];
                var clusterStart = x;
                placed.Add(new PlacedGlyph(font, glyph.Glyph, x + glyph.OffsetX, glyph.OffsetY));
                x += glyph.Advance;
                var endsCluster = i + 1 == glyphs.Length || glyphs[i + 1].Cluster != glyph.Cluster;
                if (letterOf[glyph.Cluster] <= lastInk)
                {
                    inkStart = Math.Min(inkStart, clusterStart);
                    inkEnd = Math.Max(inkEnd, x);
                }
                if (endsCluster)
                    x += _style.LetterSpacing;
            }
        }
        // Ink from the first inked cluster's pen position to the last one's advance (the spaces and the spacing after it left out).
        var ink = lastInk < 0 ? (Start: 0f, Width: 0f) : (Start: inkStart, Width: inkEnd - inkStart);
        return new Piece(letters, placed, x, ink.Start, ink.Width, rightToLeft);
    }

    /// <summary>
    /// The advance of a line of <paramref name="pieces"/>, from the ink at its start to the ink at its end: without the
    /// spaces after the last word, which lie right of it in a left-to-right paragraph and left of it in a right-to-left one.
    /// </summary>
    private static float Advance(List<Piece> pieces, bool rightToLeft)
    {
        var last = LastInked(pieces);
        if (last < 0)
            return 0;
        return rightToLeft
            ? pieces.Take(last + 1).Sum(p => p.Width) - LeadingBlank(pieces[last])
            : pieces.Take(last).Sum(p => p.Width) + pieces[last].InkStart + pieces[last].InkWidth;
    }

    private static int LastInked(List<Piece> pieces) => pieces.FindLastIndex(p => p.Letters.Any(l => !Rune.IsWhiteSpace(l.Rune)));

    /// <summary>The spaces a right-to-left word's own trailing spaces make at its left; a left-to-right word has them at its right.</summary>
    private static float LeadingBlank(Piece piece) => piece.RightToLeft ? piece.InkStart : 0;

    private TextLine Line(List<Piece> pieces, bool rightToLeft)
    {
        // A right-to-left line starts at the ink of its last word: what follows that word logically lies to its left.
        var last = LastInked(pieces);
        var x = rightToLeft && last >= 0 ? -LeadingBlank(pieces[last]) - pieces.Skip(last + 1).Sum(p => p.Width) : 0f;
        using var outline = new SKPathBuilder();
        foreach (var piece in rightToLeft ? Enumerable.Reverse(pieces) : pieces)
        {
            foreach (var glyph in piece.Glyphs)
                if (GlyphPath(glyph.Font, glyph.Glyph) is { } path)
                    outline.AddPath(path, x + glyph.X, glyph.Y);
            x += piece.Width;
        }
        var text = string.Concat(pieces.SelectMany(p => p.Letters).Select(l => l.Rune.ToString()));
        return new TextLine(text, outline.Detach(), Advance(pieces, rightToLeft));
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

    /// <summary>1 for a strong left-to-right letter, -1 for a right-to-left one (Hebrew, Arabic, Syriac, Thaana, N'Ko and their forms), 0 otherwise.</summary>
    private static int Direction(Rune rune)
    {
        var c = rune.Value;
        if (c is >= 0x0590 and <= 0x08FF or >= 0xFB1D and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF or >= 0x10800 and <= 0x10FFF or >= 0x1E800 and <= 0x1EFFF)
            return Rune.IsLetter(rune) ? -1 : 0;
        return Rune.IsLetter(rune) ? 1 : 0;
    }

    /// <summary>Combining marks (accents, vowel signs, viramas), which stay with the character before them.</summary>
    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is
        System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark;

    /// <summary>Ideographs, kana, hangul and full-width forms: a line may break between any two of them.</summary>
    private static bool IsCjk(int c) =>
        c is >= 0x2E80 and <= 0x9FFF or >= 0xAC00 and <= 0xD7AF or >= 0xF900 and <= 0xFAFF or >= 0xFF00 and <= 0xFFEF or >= 0x20000 and <= 0x3FFFF;

    /// <summary>Closing punctuation that must stay on the line of the character before it.</summary>
    private static bool NoBreakBefore(int c) => "，。、．！？：；）」』】〕〉》ー々〜…,.!?:;)]}".Contains(char.ConvertFromUtf32(c), StringComparison.Ordinal);

    /// <summary>Zero-width format characters (zero-width space and joiners, variation selectors, BOM), which draw nothing themselves.</summary>
    private static bool IsIgnorable(int c) => c is >= 0x200B and <= 0x200F or >= 0x2060 and <= 0x206F or >= 0xFE00 and <= 0xFE0F or 0xFEFF;

    private readonly record struct Letter(Rune Rune, SKTypeface Typeface);

    private readonly record struct PlacedGlyph(SKFont Font, ushort Glyph, float X, float Y);

    /// <summary>
    /// A shaped piece: its letters (logical order), its glyphs (visual order, the pen from 0), its whole advance, and the
    /// span of its ink (without the spaces that end it).
    /// </summary>
    private sealed record Piece(List<Letter> Letters, List<PlacedGlyph> Glyphs, float Width, float InkStart, float InkWidth, bool RightToLeft);
}
