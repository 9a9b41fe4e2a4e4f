using System.Text;
using SkiaSharp;

namespace ScriptComposer.Dsl.Text;

/// <summary>
/// Turns text into lines of glyph outlines. Each character is drawn from the chosen typeface or, when it lacks the
/// character, from a fallback face that has it; runs of one face are shaped by HarfBuzz (<see cref="TextShaper"/>), so
/// kerning, ligatures, Arabic joining and Indic clusters come out as the font says. Words are ordered on each line by the
/// Unicode bidirectional algorithm at word level: a paragraph takes the direction of its first strong letter, words of the
/// other direction are reversed as runs, and spaces, digits and punctuation between words take the direction around them
/// (explicit embedding controls are not supported). Caption mode wraps at spaces and between CJK characters, and breaks a
/// word only when it alone is wider than the line.
/// </summary>
internal sealed class TextLayout : IDisposable
{
    private readonly TextStyle _style;
    private readonly SKFont _primary;
    private readonly Dictionary<SKTypeface, SKFont> _fonts = [];
    private readonly Dictionary<(SKFont, ushort), SKPath?> _paths = [];
    private readonly Dictionary<SKTypeface, bool> _colorFonts = [];
    private readonly SortedSet<int> _missing = [];

    public TextLayout(TextStyle style)
    {
        _style = style;
        _primary = FontFor(style.Typeface);
    }

    /// <summary>The distance between baselines: the font's line height times the line spacing.</summary>
    public float LineHeight => _primary.Spacing * _style.LineSpacing;

    /// <summary>The characters of the text that no installed font has (drawn as the font's empty box), once each.</summary>
    public IReadOnlyCollection<int> Missing => _missing;

    /// <summary>How far the font's em box reaches above (positive) and below the baseline.</summary>
    public (float Ascent, float Descent) Metrics => (-_primary.Metrics.Ascent, _primary.Metrics.Descent);

    /// <summary>The lines of the text; with <paramref name="wrapWidth"/>, paragraphs wrapped to that advance width.</summary>
    public IReadOnlyList<TextLine> Lines(float? wrapWidth)
    {
        var lines = new List<TextLine>();
        foreach (var paragraph in _style.Text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            var letters = Letters(paragraph);
            var rightToLeft = StrongDirection(letters) < 0;
            var pieces = Pieces(letters).Select(Shape).ToList();
            if (wrapWidth is { } width)
                lines.AddRange(Wrap(pieces, width).Select(line => Line(line, rightToLeft)));
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
        var runes = paragraph.Replace("\t", "    ").EnumerateRunes().ToList();
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            if (Rune.IsControl(rune))
                continue;
            var typeface = _style.Typeface;
            // Joiners, variation selectors and marks go to HarfBuzz with the face of the character they belong to.
            if (IsIgnorable(rune.Value) || IsMark(rune))
            {
                if (letters.Count > 0) typeface = letters[^1].Typeface;
            }
            else if (IsEmoji(rune.Value, i + 1 < runes.Count ? runes[i + 1].Value : 0) && FontCatalog.ColorEmoji(rune.Value) is { } emoji)
            {
                // Shown as an emoji (a picture) even where the chosen font has a plain outline of it, as browsers do.
                typeface = emoji;
            }
            else if (_primary.GetGlyph(rune.Value) == 0 && !Rune.IsWhiteSpace(rune))
            {
                if (FontCatalog.Fallback(_style.Typeface, rune.Value) is { } fallback)
                    typeface = fallback;
                else
                    _missing.Add(rune.Value);
            }
            letters.Add(new Letter(rune, typeface));
        }
        return letters;
    }

    /// <summary>Greedy wrapping over pieces; a piece wider than the line on its own is split between characters.</summary>
    private List<List<Piece>> Wrap(List<Piece> pieces, float width)
    {
        var lines = new List<List<Piece>>();
        var line = new List<Piece>();
        foreach (var piece in pieces)
        {
            if (line.Count > 0 && Advance([.. line, piece]) > width)
            {
                lines.Add(line);
                line = [];
            }
            if (line.Count == 0 && Advance([piece]) > width)
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
            while (end < letters.Count && (IsMark(letters[end].Rune) || Advance([Shape(letters[start..(end + 1)])]) <= width))
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

    /// <summary>A piece shaped as two units: its word, and the spaces after it (which order and measure apart from the word).</summary>
    private Piece Shape(List<Letter> letters)
    {
        var spaces = letters.Count - 1 - letters.FindLastIndex(l => !Rune.IsWhiteSpace(l.Rune));
        return new Piece(letters, ShapeUnit(letters[..^spaces]), ShapeUnit(letters[^spaces..]));
    }

    /// <summary>
    /// Shapes a word or a run of spaces: each run of one face through HarfBuzz, the runs in visual order, the letter
    /// spacing after every cluster.
    /// </summary>
    private Unit ShapeUnit(List<Letter> letters)
    {
        var direction = StrongDirection(letters);
        var runs = new List<(ShapedGlyph[] Glyphs, SKFont Font)>();
        for (var start = 0; start < letters.Count;)
        {
            var end = start + 1;
            while (end < letters.Count && letters[end].Typeface == letters[start].Typeface)
                end++;
            var text = string.Concat(letters[start..end].Select(l => l.Rune.ToString()));
            runs.Add((TextShaper.Shape(text, letters[start].Typeface, _style.Size), FontFor(letters[start].Typeface)));
            start = end;
        }
        if (direction < 0)
            runs.Reverse();

        var placed = new List<PlacedGlyph>();
        var x = 0f;
        foreach (var (glyphs, font) in runs)
        {
            for (var i = 0; i < glyphs.Length; i++)
            {
                placed.Add(new PlacedGlyph(font, glyphs[i].Glyph, x + glyphs[i].OffsetX, glyphs[i].OffsetY));
                x += glyphs[i].Advance;
                if (i + 1 == glyphs.Length || glyphs[i + 1].Cluster != glyphs[i].Cluster)
                    x += _style.LetterSpacing;
            }
        }
        return new Unit(placed, x, direction);
    }

    /// <summary>
    /// The advance of a line of <paramref name="pieces"/>, from the pen to the end of its last word's ink: without the
    /// spaces after that word, and without the letter spacing after its last character.
    /// </summary>
    private float Advance(List<Piece> pieces)
    {
        var last = pieces.FindLastIndex(p => p.Word.Glyphs.Count > 0);
        if (last < 0)
            return 0;
        return pieces.Take(last).Sum(p => p.Word.Width + p.Spaces.Width) + pieces[last].Word.Width - _style.LetterSpacing;
    }

    /// <summary>
    /// Lays a line's units left to right in display order (the bidirectional algorithm's rules W/N for the units without
    /// strong letters, then L2's reversal of runs by level), the spaces after the last word left out.
    /// </summary>
    private TextLine Line(List<Piece> pieces, bool rightToLeft)
    {
        var last = pieces.FindLastIndex(p => p.Word.Glyphs.Count > 0);
        var units = pieces.Take(last + 1).SelectMany((p, i) => i < last ? new[] { p.Word, p.Spaces } : [p.Word]).Where(u => u.Glyphs.Count > 0).ToList();

        var paragraph = rightToLeft ? -1 : 1;
        var directions = units.Select(u => u.Direction).ToArray();
        for (var i = 0; i < units.Count; i++)
        {
            if (units[i].Direction != 0)
                continue;
            var before = units.Take(i).Select(u => u.Direction).LastOrDefault(d => d != 0, paragraph);
            var after = units.Skip(i + 1).Select(u => u.Direction).FirstOrDefault(d => d != 0, paragraph);
            directions[i] = before == after ? before : paragraph;
        }
        // Levels: even runs left to right, odd right to left; a right-to-left paragraph is level 1, its left-to-right words 2.
        var levels = directions.Select(d => rightToLeft ? (d > 0 ? 2 : 1) : (d < 0 ? 1 : 0)).ToArray();
        var order = Enumerable.Range(0, units.Count).ToArray();
        for (var level = levels.DefaultIfEmpty(0).Max(); level >= 1; level--)
        {
            for (var i = 0; i < order.Length;)
            {
                if (levels[order[i]] < level)
                {
                    i++;
                    continue;
                }
                var end = i;
                while (end < order.Length && levels[order[end]] >= level)
                    end++;
                Array.Reverse(order, i, end - i);
                i = end;
            }
        }

        using var outline = new SKPathBuilder();
        var colors = new List<ColorGlyph>();
        var x = 0f;
        foreach (var unit in order.Select(i => units[i]))
        {
            foreach (var glyph in unit.Glyphs)
            {
                if (IsColorFont(glyph.Font.Typeface))
                    colors.Add(new ColorGlyph(glyph.Font, glyph.Glyph, x + glyph.X, glyph.Y));
                else if (GlyphPath(glyph.Font, glyph.Glyph) is { } path)
                    outline.AddPath(path, x + glyph.X, glyph.Y);
            }
            x += unit.Width;
        }
        var text = string.Concat(pieces.SelectMany(p => p.Letters).Select(l => l.Rune.ToString()));
        return new TextLine(text, outline.Detach(), Advance(pieces), colors);
    }

    /// <summary>Whether the face draws its glyphs as color pictures (CBDT, sbix, COLR tables): emoji, which have no outlines.</summary>
    private bool IsColorFont(SKTypeface typeface)
    {
        if (!_colorFonts.TryGetValue(typeface, out var color))
        {
            var tags = typeface.GetTableTags();
            _colorFonts[typeface] = color = tags.Contains(Tag("CBDT")) || tags.Contains(Tag("sbix")) || tags.Contains(Tag("COLR"));
        }
        return color;
    }

    private static uint Tag(string name) => (uint)(name[0] << 24 | name[1] << 16 | name[2] << 8 | name[3]);

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

    /// <summary>The direction of the first strong letter in <paramref name="letters"/>: 1, -1, or 0 when there is none.</summary>
    private static int StrongDirection(List<Letter> letters) => letters.Select(l => Direction(l.Rune)).FirstOrDefault(d => d != 0);

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

    /// <summary>
    /// Characters shown as emoji by default (the pictographs of U+1F300–U+1FAFF, regional indicators for flags), and any
    /// character followed by the emoji variation selector U+FE0F.
    /// </summary>
    private static bool IsEmoji(int c, int next) => c is >= 0x1F300 and <= 0x1FAFF or >= 0x1F1E6 and <= 0x1F1FF || next == 0xFE0F;

    /// <summary>Zero-width format characters (zero-width space and joiners, variation selectors, BOM), which draw nothing themselves.</summary>
    private static bool IsIgnorable(int c) => c is >= 0x200B and <= 0x200F or >= 0x2060 and <= 0x206F or >= 0xFE00 and <= 0xFE0F or 0xFEFF;

    private readonly record struct Letter(Rune Rune, SKTypeface Typeface);

    private readonly record struct PlacedGlyph(SKFont Font, ushort Glyph, float X, float Y);

    /// <summary>A shaped word or run of spaces: its glyphs in visual order with the pen from 0, its advance, and its direction (0: none of its own).</summary>
    private sealed record Unit(List<PlacedGlyph> Glyphs, float Width, int Direction);

    /// <summary>What lies between two break opportunities (a word and the spaces after it), shaped.</summary>
    private sealed record Piece(List<Letter> Letters, Unit Word, Unit Spaces);
}
