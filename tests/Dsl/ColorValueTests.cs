using ScriptComposer.Dsl;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

/// <summary>Colors as strings, tuples and Rgb/Rgba wherever a color goes, each read with the name of the parameter that took it.</summary>
public sealed class ColorValueTests
{
    private static readonly Gpu.Rgba Orange = new(255, 136, 0);

    [Fact]
    public void Strings_tuples_and_Rgb_are_the_same_color()
    {
        Assert.Equal(Orange, Color(2, 2, "#ff8800").Color);
        Assert.Equal(Orange, Color(2, 2, (255, 136, 0)).Color);
        Assert.Equal(Orange, Color(2, 2, Rgb(255, 136, 0)).Color);
        Assert.Equal(Orange with { A = 128 }, Color(2, 2, (255, 136, 0, 128)).Color);
        Assert.Equal(Orange with { A = 128 }, Color(2, 2, Rgba(255, 136, 0, 128)).Color);
        Assert.Equal(Gpu.Rgba.Black, Color(2, 2).Color);
    }

    [Fact]
    public void Every_place_a_color_goes_takes_a_tuple()
    {
        var red = (255, 0, 0);
        CpuRender.At(Color(4, 4, "white").WithDuration(1).FadeIn(1, red), 0).AssertPixel(0, 0, (255, 0, 0, 255));
        CpuRender.At(Color(2, 2, "white").Margin(1, color: red), 0).AssertPixel(0, 0, (255, 0, 0, 255));
        CpuRender.At(Composite(2, 2, [Color(1, 1, "white")], (0, 0, 255)), 0).AssertPixel(1, 1, (0, 0, 255, 255));
        CpuRender.At(Color(4, 2, (0, 255, 0)).ChromaKey((0, 255, 0)), 0).AssertPixel(0, 0, (0, 0, 0, 0));
        CpuRender.At(Gradient.Linear(4, 1, (0, 0), (4, 0), (255, 0, 0), Rgb(0, 0, 255)), 0).AssertPixel(0, 0, (255, 0, 0, 255), tolerance: 40);
        Assert.Equal((0, 0, 255), Grid(new Clip[,] { { Color(2, 2), Color(4, 4) } }, bg: (0, 0, 255)).Background is var b ? (b.R, b.G, b.B) : default);
        var text = Text("I", size: 20, color: (255, 0, 0), bg: (0, 0, 255, 255), stroke: ((0, 255, 0), 2));
        CpuRender.At(text, 0).AssertPixel(0, 0, (0, 0, 255, 255));
    }

    [Fact]
    public void A_channel_outside_0_to_255_is_refused_with_the_parameter_name()
    {
        var error = Assert.Throws<ArgumentException>(() => Color(2, 2, (300, 0, 0)));
        Assert.Equal("color", error.ParamName);
        Assert.Contains("red is 300", error.Message);
        Assert.Equal("bg", Assert.Throws<ArgumentException>(() => Composite(2, 2, [Color(1, 1)], (0, 0, 0, -1))).ParamName);
        Assert.Throws<ArgumentException>(() => Rgb(0, 256, 0));
        Assert.Contains("bg: A color's blue is 999", Assert.Throws<ArgumentException>(() => Text("x", bg: (0, 0, 999))).Message);
        Assert.Contains("'nope' is not a color", Assert.Throws<ArgumentException>(() => Color(2, 2, "nope")).Message);
    }
}
