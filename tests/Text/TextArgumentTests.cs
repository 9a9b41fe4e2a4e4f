using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.TextRendering;

/// <summary>Text refuses bad arguments at once, each message naming the fix, all problems in one message.</summary>
public class TextArgumentTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    [InlineData(10000)]
    public void Size_must_be_positive(double size)
    {
        var error = Assert.Throws<ArgumentException>(() => Text("x", size: size));

        Assert.Equal("size", error.ParamName);
        Assert.Contains("font size in pixels", error.Message);
    }

    [Fact]
    public void Unknown_align_lists_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => Text("x", width: 100, align: "middle"));

        Assert.Equal("align", error.ParamName);
        Assert.Contains("\"left\", \"center\" or \"right\"; got \"middle\"", error.Message);
    }

    [Theory]
    [InlineData("LEFT")]
    [InlineData("Center")]
    [InlineData(" right ")]
    public void Align_ignores_case_and_spaces(string align) => Assert.NotNull(Text("x", width: 100, align: align));

    [Fact]
    public void Numeric_align_is_refused() => Assert.Throws<ArgumentException>(() => Text("x", align: "1"));

    [Fact]
    public void Negative_stroke_width_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Text("x", stroke: ("black", -1)));

        Assert.Equal("stroke", error.ParamName);
        Assert.Contains("stroke: (\"black\", 3)", error.Message);
    }

    [Fact]
    public void Bad_colors_name_the_argument()
    {
        var error = Assert.Throws<ArgumentException>(() => Text("x", bg: "nope"));

        Assert.Equal("bg", error.ParamName);
        Assert.Contains("'nope' is not a color", error.Message);
    }

    [Fact]
    public void Height_needs_a_width()
    {
        var error = Assert.Throws<ArgumentException>(() => Text("x", height: 100));

        Assert.Contains("give width", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(double.PositiveInfinity)]
    public void Line_spacing_must_be_positive(double lineSpacing) =>
        Assert.Equal("lineSpacing", Assert.Throws<ArgumentException>(() => Text("x", lineSpacing: lineSpacing)).ParamName);

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var error = Assert.Throws<ArgumentException>(() => Text("x", size: 0, color: "bluish", align: "middle", stroke: ("black", -2)));

        Assert.Contains("4 problems", error.Message);
        Assert.Contains("size", error.Message);
        Assert.Contains("'bluish' is not a color", error.Message);
        Assert.Contains("align", error.Message);
        Assert.Contains("stroke width", error.Message);
    }

    [Fact]
    public void Null_text_is_refused() => Assert.Throws<ArgumentNullException>(() => Text(null!));

    [Fact]
    public void A_caption_narrower_than_one_character_says_so()
    {
        var error = Assert.Throws<ScriptComposer.Dsl.ScriptComposerException>(() => Text("W", size: 100, width: 20));

        Assert.Contains("too narrow", error.Message);
    }
}
