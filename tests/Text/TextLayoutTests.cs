using ScriptComposer.Dsl.Text;
using ScriptComposer.Gpu;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.TextRendering;

/// <summary>Boxes hold all the ink and no more; captions wrap at words inside their width; strokes and fills compose right.</summary>
public class TextLayoutTests
{
    [Theory]
    [InlineData("Stroked", 4)]
    [InlineData("Stroked", 11.5)]
    [InlineData("gjpqy", 3)]
    [InlineData("ÉÅ", 3)]
    [InlineData("ÉÅ gjpqy\nTwo lines", 0)]
    public void Label_box_holds_all_its_ink_tightly(string text, double stroke)
    {
        var image = Text(text, size: 57, color: "white", stroke: ("red", stroke)).Image;

        Ink.AssertTightAndUnclipped(image);
    }

    [Fact]
    public void Accents_and_descenders_make_the_label_taller()
    {
        var plain = Text("EA", size: 60).Image;
        var accented = Text("ÉÅ", size: 60).Image;
        var descending = Text("gjpqy", size: 60).Image;

        Assert.True(accented.Height > plain.Height + 8, $"ÉÅ is {accented.Height} px tall, EA {plain.Height}: the accents are missing.");
        Assert.True(Ink.Bounds(descending)!.Value.Bottom > Ink.Bounds(Text("acemnorsuvwxz", size: 60).Image)!.Value.Bottom,
            "gjpqy reaches no lower than letters without descenders.");
        Ink.AssertTightAndUnclipped(accented);
        Ink.AssertTightAndUnclipped(descending);
    }

    [Fact]
    public void Stroke_does_not_eat_the_fill()
    {
        // U+2588 FULL BLOCK: a big rectangle, so the fill's inside is easy to count.
        var plain = Text("\u2588", size: 100, color: "white").Image;
        var stroked = Text("\u2588", size: 100, color: "white", stroke: ("black", 6)).Image;

        var solid = Ink.Count(plain, p => p.A == 255);
        var white = Ink.Count(stroked, p => p == (255, 255, 255, 255));
        Assert.True(Math.Abs(solid - white) <= 4 * (int)Math.Sqrt(solid), $"the unstroked block has {solid} solid pixels but the stroked one only {white} white ones.");
        Assert.True(stroked.Width >= plain.Width + 2 * 6 - 1, $"the stroked block is {stroked.Width} px wide, the plain one {plain.Width}: the stroke is not outside.");
        var (left, top, _, _) = Ink.Bounds(stroked)!.Value;
        Assert.Equal((0, 0, 0, 255), Ink.Pixel(stroked, left + 3, top + 3));
    }

    [Fact]
    public void A_translucent_fill_does_not_show_the_stroke_through()
    {
        var image = Text("\u2588", size: 100, color: "#ff000080", stroke: ("blue", 6)).Image;

        var (r, g, b, a) = Ink.Pixel(image, image.Width / 2, image.Height / 2);
        Assert.True(Math.Abs(a - 128) <= 1 && Math.Abs(r - 128) <= 1 && g == 0 && b == 0, $"the middle is ({r}, {g}, {b}, {a}), not the fill alone (128, 0, 0, 128) premultiplied.");
    }

    [Fact]
    public void Background_fills_the_box_and_text_alpha_is_the_mask()
    {
        var onColor = Text("Hi", size: 40, color: "white", bg: "#102030").Image;
        var transparent = Text("Hi", size: 40, color: "white").Image;

        Assert.Equal((16, 32, 48, 255), Ink.Pixel(onColor, 0, 0));
        Assert.Equal((0, 0, 0, 0), Ink.Pixel(transparent, 0, 0));
        Assert.Contains(Enumerable.Range(0, transparent.Height), y => Ink.Alpha(transparent, transparent.Width / 4, y) == 255);
    }

    [Theory]
    [InlineData(300, 32)]
    [InlineData(171, 27)]
    [InlineData(90, 40)]
    public void Caption_lines_wrap_at_words_inside_the_width(int width, double size)
    {
        const string text = "Wrapping happens at word boundaries and never beyond the caption's width, whatever it is.";
        var clip = Text(text, size: size, width: width, stroke: ("black", 2));
        var image = clip.Image;

        Assert.Equal(width, image.Width);
        Assert.All(Enumerable.Range(0, image.Height), y => Assert.True(Ink.Alpha(image, 0, y) == 0 && Ink.Alpha(image, width - 1, y) == 0,
            $"row {y} has ink on the caption's left or right edge."));
        var style = Style(text, size, width, strokeWidth: 2);
        using var layout = new TextLayout(style);
        var lines = layout.Lines(width - 2 * style.Padding);
        Assert.True(lines.Count > 1, "the text should need several lines");
        Assert.All(lines, l => Assert.True(l.Advance <= width - 2 * style.Padding, $"'{l.Text}' is {l.Advance} px, wider than {width - 2 * style.Padding}."));
        // Whole words on every line unless one word alone is wider than the line.
        var words = text.Split(' ');
        var rejoined = lines.SelectMany(l => l.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (width >= 171)
            Assert.Equal(words, rejoined);
        else
            Assert.Equal(string.Concat(words), string.Concat(rejoined));
    }

    [Fact]
    public void Caption_keeps_explicit_line_breaks_and_height_centers()
    {
        var twoLines = Text("one\ntwo", size: 30, width: 200).Image;
        var oneLine = Text("one", size: 30, width: 200).Image;
        var boxed = Text("one", size: 30, width: 200, height: 150).Image;

        Assert.True(twoLines.Height > oneLine.Height + 25, $"two lines are {twoLines.Height} px tall, one line {oneLine.Height}.");
        Assert.Equal((200, 150), (boxed.Width, boxed.Height));
        var (_, top, _, bottom) = Ink.Bounds(boxed)!.Value;
        Assert.InRange(top + bottom - 150, -20, 20);
    }

    [Fact]
    public void Caption_that_cannot_fit_its_height_says_what_it_needs()
    {
        var error = Assert.Throws<ScriptComposer.Dsl.ScriptComposerException>(() => Text("one\ntwo\nthree", size: 30, width: 200, height: 40));

        Assert.Contains("needs", error.Message);
        Assert.Contains("height is 40", error.Message);
    }

    [Fact]
    public void Line_and_letter_spacing_spread_the_text()
    {
        var normal = Text("ab\ncd", size: 30).Image;
        var spaced = Text("ab\ncd", size: 30, lineSpacing: 2, letterSpacing: 10).Image;

        Assert.InRange(spaced.Height - normal.Height, 30, 40);
        Assert.InRange(spaced.Width - normal.Width, 9, 11);
    }

    [Fact]
    public void Any_size_is_fine_odd_included()
    {
        var image = Text("odd", size: 33, width: 301).Image;

        Assert.Equal(301, image.Width);
    }

    [Fact]
    public void Empty_text_is_a_transparent_line()
    {
        var label = Text("").Image;
        var caption = Text("", width: 120).Image;

        Assert.True(label.Width > 0 && label.Height > 0);
        Assert.Null(Ink.Bounds(label));
        Assert.Equal(120, caption.Width);
        Assert.InRange(caption.Height, 48, 70);
        Assert.Null(Ink.Bounds(caption));
    }

    [Fact]
    public void Describe_names_the_text()
    {
        Assert.Equal("Text \"Summer 2026\"", Text("Summer 2026").Describe());
        Assert.Empty(Text("Summer 2026").InputFiles());
        Assert.DoesNotContain('/', Text("a/b").Image.Path);
    }

    private static TextStyle Style(string text, double size, int? width, double strokeWidth) =>
        new(text, FontCatalog.Resolve("DejaVu Sans"), (float)size, new Rgba(255, 255, 255), Gpu.Rgba.Transparent, new Rgba(0, 0, 0), (float)strokeWidth,
            width, null, TextAlign.Left, 1, 0);
}
