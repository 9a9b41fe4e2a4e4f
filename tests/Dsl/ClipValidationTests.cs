using ScriptComposer.Dsl;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

/// <summary>Fluent methods refuse bad arguments at once, with a message that names the clip and the fix.</summary>
public class ClipValidationTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, -1)]
    [InlineData(20000, 10)]
    public void Impossible_sizes_are_refused(int width, int height)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Color(width, height, "red"));

        Assert.Contains($"{width}x{height}", error.Message);
        Assert.Contains("between 1 and", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.PositiveInfinity)]
    public void Durations_must_be_positive_and_finite(double seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Color(10, 10).WithDuration(seconds));
    }

    [Fact]
    public void Subclip_outside_the_clip_names_its_length()
    {
        var clip = Color(10, 10).WithDuration(10);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => clip.Subclip(8, 12));

        Assert.Contains("10 s long", error.Message);
    }

    [Fact]
    public void Subclip_counts_a_negative_end_from_the_end()
    {
        var clip = Color(10, 10).WithDuration(10).Subclip(2, -3);

        Assert.Equal((2.0, 5.0), (clip.SourceOffset, clip.Duration!.Value));
    }

    [Fact]
    public void Subclip_of_an_endless_clip_needs_an_end()
    {
        var error = Assert.Throws<ArgumentException>(() => Color(10, 10).Subclip(1));

        Assert.Contains("no duration", error.Message);
    }

    [Fact]
    public void WithEnd_before_the_start_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Color(10, 10).WithStart(3).WithEnd(2));
        Assert.Equal(2, Color(10, 10).WithStart(3).WithEnd(5).Duration);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Opacity_is_between_zero_and_one(double opacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Color(10, 10).Opacity(opacity));
    }

    [Fact]
    public void Mask_must_have_the_clip_size()
    {
        var error = Assert.Throws<ArgumentException>(() => Color(10, 10).WithMask(Color(10, 20, "white")));

        Assert.Contains("10x20", error.Message);
    }

    [Theory]
    [InlineData("not-a-color")]
    [InlineData("#12345")]
    [InlineData("")]
    public void Unknown_colors_are_refused_with_examples(string color)
    {
        var error = Assert.Throws<ArgumentException>(() => Color(10, 10, color));

        Assert.Contains("#ff8800", error.Message);
    }

    [Theory]
    [InlineData("white", 255, 255, 255, 255)]
    [InlineData("#f80", 255, 136, 0, 255)]
    [InlineData("#1e3c72", 30, 60, 114, 255)]
    [InlineData("#ff000080", 255, 0, 0, 128)]
    [InlineData("transparent", 255, 255, 255, 0)]
    public void Colors_parse_names_and_hex(string text, int r, int g, int b, int a)
    {
        var color = ColorParser.Parse(text);

        Assert.Equal((r, g, b, a), (color.R, color.G, color.B, color.A));
    }

    [Fact]
    public void Unknown_position_keywords_list_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Color(10, 10).At("middle-ish"));

        Assert.Contains("\"center\"", error.Message);
    }

    [Fact]
    public void Clips_are_immutable_values()
    {
        var a = Color(10, 10, "red");
        var b = a.WithDuration(2);

        Assert.Null(a.Duration);
        Assert.Equal(2, b.Duration);
        Assert.Equal(Color(10, 10, "red").WithDuration(2), b);
        Assert.Equal(Composite(10, 10, a, b), Composite(10, 10, a, b));
    }
}
