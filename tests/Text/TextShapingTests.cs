using ScriptComposer.Dsl.Text;
using ScriptComposer.Gpu;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.TextRendering;

/// <summary>
/// Text is shaped by HarfBuzz with the font's own rules (DejaVu Sans here, which has kerning, Latin ligatures, and Arabic
/// and Hebrew letters), and words are ordered by direction: right-to-left paragraphs read from the right, and runs of the
/// other direction inside a paragraph keep their own order.
/// </summary>
public class TextShapingTests
{
    private const string Beh = "\u0628";   // ب, a wide bowl when alone, a short tooth when joined
    private const string Alef = "\u0627";  // ا, a tall stroke

    [Fact]
    public void Kerning_pairs_sit_closer_than_the_letters_alone()
    {
        var pair = InkWidth(Text("AV", size: 80).Image);
        var apart = InkWidth(Text("A", size: 80).Image) + InkWidth(Text("V", size: 80).Image);

        Assert.True(pair < apart - 3, $"AV is {pair} px of ink, A and V alone {apart} px together: the pair is not kerned.");
    }

    [Fact]
    public void F_and_i_become_the_fonts_fi_ligature()
    {
        var shaped = Text("fi", size: 80).Image;
        var ligature = Text("\uFB01", size: 80).Image;

        Assert.Equal((ligature.Width, ligature.Height), (shaped.Width, shaped.Height));
        Assert.True(shaped.Pixels.Span.SequenceEqual(ligature.Pixels.Span), "\"fi\" is not drawn with the font's fi ligature (U+FB01).");
    }

    [Fact]
    public void Arabic_letters_join_into_their_connected_forms()
    {
        var joined = InkWidth(Text(Beh + Beh + Beh, size: 80).Image);
        var alone = InkWidth(Text(Beh, size: 80).Image);

        Assert.True(joined < 0.75 * 3 * alone, $"three joined behs are {joined} px of ink, one alone {alone} px: the letters are not in their joined forms.");
    }

    [Fact]
    public void An_arabic_paragraph_reads_from_the_right()
    {
        // Alef then beh: alef, tall, is the first letter, so it stands at the right; the low beh is at the left.
        var image = Text(Alef + " " + Beh, size: 80).Image;
        var (left, _, right, _) = Ink.Bounds(image)!.Value;
        var third = (right - left) / 3;

        var topLeft = TopInk(image, left, left + third);
        var topRight = TopInk(image, right - third, right + 1);
        Assert.True(topRight < topLeft - 15, $"the ink's top is at y {topRight} on the right and {topLeft} on the left: alef is not at the right.");
    }

    [Theory]
    // A left-to-right paragraph with a right-to-left run: "x ALEF BEH x" shows as x BEH ALEF x, the tall alef right of the middle.
    [InlineData("x " + Alef + " " + Beh + " x", 0.5, 1.0)]
    // A right-to-left paragraph with a left-to-right run: "BEH l x BEH" shows as BEH l x BEH, the tall l left of the middle.
    [InlineData(Beh + " l x " + Beh, 0.0, 0.5)]
    public void Runs_of_the_other_direction_keep_their_own_order(string text, double from, double to)
    {
        var image = Text(text, size: 80).Image;

        Assert.InRange(TallInkCenter(image), from, to);
    }

    [Fact]
    public void A_wrapped_right_to_left_caption_keeps_the_first_word_on_the_first_line()
    {
        const string hello = "\u0645\u0631\u062D\u0628\u0627", world = "\u0628\u0627\u0644\u0639\u0627\u0644\u0645"; // مرحبا بالعالم
        var style = new TextStyle($"{hello} {world} {hello}", FontCatalog.Resolve("DejaVu Sans"), 36, new Rgba(255, 255, 255), Gpu.Rgba.Transparent,
            new Rgba(0, 0, 0), 0, 200, null, TextAlign.Right, 1, 0);
        using var layout = new TextLayout(style);

        var lines = layout.Lines(200 - 2 * style.Padding);

        Assert.Equal([$"{hello} {world} ", hello], lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.True(l.Advance <= 200 - 2 * style.Padding, $"'{l.Text}' is {l.Advance} px, wider than the caption."));
        // The line's ink starts at the pen (x 0) and spans its advance, give or take the glyphs' side bearings: the space after the
        // last word (11 px at this size), which lies to its left, is not in it.
        foreach (var line in lines)
        {
            var bounds = line.Outline.TightBounds;
            Assert.InRange(bounds.Left, -2, 6);
            Assert.InRange(bounds.Right, line.Advance - 6, line.Advance + 2);
        }
    }

    [Fact]
    public void A_long_arabic_word_in_a_narrow_caption_breaks_between_letters_and_fits()
    {
        var image = Text(string.Concat(Enumerable.Repeat(Beh, 30)), size: 40, width: 120).Image;

        Assert.Equal(120, image.Width);
        Assert.All(Enumerable.Range(0, image.Height), y => Assert.True(Ink.Alpha(image, 0, y) == 0 && Ink.Alpha(image, 119, y) == 0,
            $"row {y} has ink on the caption's edge."));
        Assert.True(image.Height > 100, $"thirty behs at 40 px in 120 px should take several lines; the caption is {image.Height} px tall.");
    }

    private static int InkWidth(ScriptComposer.Dsl.Media.StillImage image)
    {
        var (left, _, right, _) = Ink.Bounds(image)!.Value;
        return right - left + 1;
    }

    /// <summary>Where the ink that rises above the others stands, from 0 (left edge) to 1 (right edge).</summary>
    private static double TallInkCenter(ScriptComposer.Dsl.Media.StillImage image)
    {
        var top = TopInk(image, 0, image.Width);
        var columns = Enumerable.Range(0, image.Width)
            .Where(x => Enumerable.Range(top, image.Height / 10).Any(y => Ink.Alpha(image, x, y) > 64)).ToList();
        return columns.Average() / image.Width;
    }

    private static int TopInk(ScriptComposer.Dsl.Media.StillImage image, int from, int to)
    {
        for (var y = 0; y < image.Height; y++)
            for (var x = from; x < to; x++)
                if (Ink.Alpha(image, x, y) > 64)
                    return y;
        return image.Height;
    }
}
