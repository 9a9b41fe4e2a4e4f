using ScriptComposer.Dsl;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.TextRendering;

/// <summary>Fonts by family, style words or file; close matches for a misspelt family; per-character fallback for CJK.</summary>
public class TextFontTests
{
    [Fact]
    public void A_missing_family_lists_close_matches()
    {
        var error = Assert.Throws<ScriptComposerException>(() => Text("x", font: "DejaVu Sanz"));

        Assert.StartsWith("Font 'DejaVu Sanz' was not found. Close matches: DejaVu Sans, ", error.Message);
        Assert.Contains("DejaVu Sans Mono", error.Message);
        Assert.EndsWith("Give a family name from that list or a path to a .ttf/.otf file.", error.Message);
    }

    [Fact]
    public void A_font_file_path_works_and_matches_the_family()
    {
        var byPath = Text("Path", font: TextFonts.DejaVuSansFile, size: 40).Image;
        var byName = Text("Path", font: "DejaVu Sans", size: 40).Image;

        Assert.NotNull(Ink.Bounds(byPath));
        Assert.Equal((byName.Width, byName.Height), (byPath.Width, byPath.Height));
        Assert.True(byName.Pixels.Span.SequenceEqual(byPath.Pixels.Span), "DejaVu Sans by name and by file should draw the same pixels.");
    }

    [Fact]
    public void A_missing_font_file_names_the_path()
    {
        var error = Assert.Throws<ScriptComposerException>(() => Text("x", font: "/nowhere/Missing.ttf"));

        Assert.Contains("'/nowhere/Missing.ttf' does not exist", error.Message);
    }

    [Theory]
    [InlineData("dejavu sans")]
    [InlineData("DejaVu-Sans")]
    [InlineData("DejaVu Sans Book")]
    public void Family_names_ignore_case_spaces_and_regular_style_words(string font)
    {
        var image = Text("Aa", font: font, size: 30).Image;
        var reference = Text("Aa", font: "DejaVu Sans", size: 30).Image;

        Assert.True(image.Pixels.Span.SequenceEqual(reference.Pixels.Span), $"'{font}' did not pick DejaVu Sans.");
    }

    [Fact]
    public void Style_words_pick_the_bold_face()
    {
        var regular = Text("Bold", font: "DejaVu Sans", size: 40).Image;
        var bold = Text("Bold", font: "DejaVu Sans Bold", size: 40).Image;

        Assert.True(Ink.Count(bold, p => p.A > 128) > Ink.Count(regular, p => p.A > 128) * 5 / 4, "DejaVu Sans Bold should have much more ink than DejaVu Sans.");
    }

    [SkippableFact]
    public void Cjk_characters_come_from_a_font_that_has_them()
    {
        Skip.IfNot(TextFonts.HasCjkFont, TextFonts.NoCjkReason);

        var fallback = Text("夏", font: "DejaVu Sans", size: 64).Image;
        var direct = Text("夏", font: TextFonts.CjkFamily!, size: 64).Image;

        Ink.AssertTightAndUnclipped(fallback);
        Assert.True(Ink.Count(fallback, p => p.A > 128) > 300, "夏 has too little ink: it is not drawn.");
        Assert.True(fallback.Pixels.Span.SequenceEqual(direct.Pixels.Span),
            $"夏 through DejaVu Sans should be drawn by {TextFonts.CjkFamily}, as if named directly, not as DejaVu's missing-glyph box.");
    }

    [SkippableFact]
    public void Mixed_latin_and_cjk_keep_latin_in_the_chosen_font()
    {
        Skip.IfNot(TextFonts.HasCjkFont, TextFonts.NoCjkReason);

        var mixed = Text("Summer 夏", size: 48).Image;
        var latin = Text("Summer", size: 48).Image;
        var cjkOnly = Text("Summer", font: TextFonts.CjkFamily!, size: 48).Image;

        Assert.True(mixed.Width > latin.Width + 30);
        // "Summer" in DejaVu is not "Summer" in the CJK font: the left part of the mixed label matches DejaVu's.
        Assert.NotEqual(latin.Width, cjkOnly.Width);
    }
}
