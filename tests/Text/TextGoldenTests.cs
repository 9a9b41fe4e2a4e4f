using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.TextRendering;

/// <summary>Each mode of <c>Text(...)</c> against a golden PNG in tests/Assets/text (±2 per channel).</summary>
public class TextGoldenTests
{
    private const string Pangram = "The quick brown fox jumps over the lazy dog.";

    [Fact]
    public void Label_is_sized_to_its_ink() =>
        TextGolden.AssertMatches("label", Text("Summer 2026\ngjpqy ÉÅ", size: 40, color: "#ffcc00").Image);

    [Theory]
    [InlineData("left")]
    [InlineData("center")]
    [InlineData("right")]
    public void Caption_wraps_and_aligns(string align) =>
        TextGolden.AssertMatches($"caption-{align}", Text(Pangram, size: 28, color: "white", bg: "#203040", width: 260, align: align).Image);

    [Fact]
    public void Stroke_lies_outside_the_glyphs() =>
        TextGolden.AssertMatches("stroked", Text("Stroke", size: 64, color: "white", stroke: ("black", 4)).Image);

    [SkippableFact]
    public void Cjk_falls_back_per_character()
    {
        Skip.IfNot(TextFonts.HasCjkFont, TextFonts.NoCjkReason);
        TextGolden.AssertMatches("cjk", Text("Summer 夏", size: 48, color: "white", bg: "#000080").Image);
    }
}
