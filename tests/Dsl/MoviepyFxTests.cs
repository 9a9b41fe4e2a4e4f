using ScriptComposer.Dsl;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

/// <summary>moviepy's video fx through the DSL: what each shows at a time, moviepy's formulas computed here, and argument errors.</summary>
public class MoviepyFxTests
{
    private static readonly FrameRate Thirty = new(30);

    /// <summary>moviepy's f_accel_decel, written from its source.</summary>
    private static double MoviepyAccelDecel(double t, double oldDuration, double newDuration, double abruptness, double soonness)
    {
        var a = 1.0 + abruptness;
        double F1(double u) => Math.Pow(0.5, 1 - a) * Math.Pow(u, a);
        double F2(double u) => 1 - F1(1 - u);
        var x = Math.Pow(t / newDuration, soonness);
        return oldDuration * (x < 0.5 ? F1(x) : F2(x));
    }

    [Theory]
    [InlineData(2.0, 1.0, 1.0)]
    [InlineData(3.0, 2.0, 0.5)]
    [InlineData(4.0, -0.5, 1.5)]
    [InlineData(4.0, 0.0, 1.0)]
    public void Accel_decel_shows_the_frame_of_moviepys_time(double newDuration, double abruptness, double soonness)
    {
        var clip = CpuRender.FrameCounter(4).AccelDecel(newDuration, abruptness, soonness);
        Assert.Equal(newDuration, clip.Duration);
        foreach (var t in new[] { 0.0, 0.21, 0.43, 0.77, 1.01, 1.37, newDuration - 0.11 })
        {
            var expected = Thirty.FrameAt(MoviepyAccelDecel(t, 4, newDuration, abruptness, soonness));
            Assert.True(CpuRender.At(clip, t)[0, 0].R == expected, $"at {t} s: frame {CpuRender.At(clip, t)[0, 0].R}, moviepy's {expected}");
        }
    }

    [Fact]
    public void Time_symmetrize_plays_forwards_then_as_reverse()
    {
        var clip = CpuRender.FrameCounter(2);
        var symmetric = clip.TimeSymmetrize();
        Assert.Equal(4, symmetric.Duration);
        foreach (var t in new[] { 0.0, 0.5, 1.3, 1.97 })
            Assert.Equal(CpuRender.At(clip, t)[0, 0], CpuRender.At(symmetric, t)[0, 0]);
        foreach (var t in new[] { 0.0, 0.5, 1.3, 1.97 })
            Assert.Equal(CpuRender.At(clip.Reverse(), t)[0, 0], CpuRender.At(symmetric, 2 + t)[0, 0]);
    }

    [Fact]
    public void Blink_shows_on_then_off()
    {
        var scene = Composite(2, 2, [Color(2, 2, "white").WithDuration(3).Blink(0.5, 0.25)], "black");
        CpuRender.At(scene, 0.1).AssertPixel(0, 0, (255, 255, 255, 255), 0);
        CpuRender.At(scene, 0.6).AssertPixel(0, 0, (0, 0, 0, 255), 0);
        CpuRender.At(scene, 0.8).AssertPixel(0, 0, (255, 255, 255, 255), 0);
        CpuRender.At(scene, 1.3).AssertPixel(0, 0, (0, 0, 0, 255), 0);
        CpuRender.At(scene, 1.6).AssertPixel(0, 0, (255, 255, 255, 255), 0);
    }

    [Theory]
    [InlineData(0.1, 0.1, 10, "10101010101010101010")]
    [InlineData(0.2, 0.1, 30, "111111000111111000111111000111")]
    [InlineData(0.3, 0.2, 10, "111001110011100111001110011100111001110011100111001110011100")]
    public void Blink_keeps_its_rhythm_at_every_frame_though_frame_times_are_decimals(double on, double off, int fps, string expected)
    {
        var rate = new FrameRate(fps);
        var scene = Composite(2, 2, [Color(2, 2, "white").WithDuration(6).Blink(on, off)], "black").WithDuration(6);

        var shown = string.Concat(Enumerable.Range(0, expected.Length).Select(i => CpuRender.At(scene, rate.TimeOf(i))[0, 0].R > 128 ? '1' : '0'));

        Assert.Equal(expected, shown);
    }

    [Fact]
    public void Even_size_drops_the_odd_column_and_row()
    {
        var odd = Color(5, 3, "red");
        Assert.Equal((4, 2), (odd.EvenSize().Width, odd.EvenSize().Height));
        Assert.Equal((6, 2), (Color(6, 3, "red").EvenSize().Width, Color(6, 3, "red").EvenSize().Height));
        var even = Color(4, 2, "red");
        Assert.Same(even, even.EvenSize());
    }

    /// <summary>A 4×4 clip whose red channel is the source frame (30 fps) and whose green channel is x + 4·y.</summary>
    private static Clip Counter4x4() => Frames(4, 4, 3, (t, rgba) =>
    {
        for (var i = 0; i < 16; i++)
        {
            rgba[i * 4] = (byte)Thirty.FrameAt(t);
            rgba[i * 4 + 1] = (byte)i;
            rgba[i * 4 + 3] = 255;
        }
    });

    [Fact]
    public void Freeze_region_freezes_the_region_the_outside_or_the_mask()
    {
        var region = CpuRender.At(Counter4x4().FreezeRegion(0.5, region: (0, 0, 2, 2)), 1);
        Assert.Equal((15, 0), (region[0, 0].R, region[0, 0].G));
        Assert.Equal((15, 5), (region[1, 1].R, region[1, 1].G));
        Assert.Equal((30, 15), (region[3, 3].R, region[3, 3].G));

        var outside = CpuRender.At(Counter4x4().FreezeRegion(0.5, outsideRegion: (2, 2, 4, 4)), 1);
        Assert.Equal(15, outside[0, 0].R);
        Assert.Equal((30, 15), (outside[3, 3].R, outside[3, 3].G));

        var mask = Frames(4, 4, 3, (_, rgba) => { for (var i = 0; i < 8; i++) rgba.Slice(i * 4, 4).Fill(255); for (var i = 8; i < 16; i++) rgba[i * 4 + 3] = 255; });
        var masked = CpuRender.At(Counter4x4().FreezeRegion(0.5, mask: mask), 1);
        Assert.Equal(15, masked[0, 0].R);
        Assert.Equal(30, masked[3, 3].R);
        Assert.Equal(3, Counter4x4().FreezeRegion(0.5, region: (0, 0, 2, 2)).Duration);
    }

    private static Clip Checkerboard(int side) => Frames(side, side, 3, (_, rgba) =>
    {
        for (var i = 0; i < side * side; i++)
        {
            var v = (byte)(((i % side) + (i / side)) % 2 == 0 ? 255 : 0);
            rgba[i * 4] = v;
            rgba[i * 4 + 1] = (byte)(255 - v);
            rgba[i * 4 + 2] = v;
            rgba[i * 4 + 3] = 255;
        }
    });

    [Fact]
    public void Head_blur_blurs_the_disc_around_the_trajectory_and_leaves_the_rest()
    {
        const int radius = 6;
        var clip = Checkerboard(31);
        // moviepy 2: intensity ⌊2r/3⌋ = 4, OpenCV kernel 6·4 made odd = 25, σ = 0.3·((25 − 1)/2 − 1) + 0.8.
        var blurred = CpuRender.At(clip.Blur(0.3 * (12 - 1) + 0.8), 1);
        var original = CpuRender.At(clip, 1);
        var result = CpuRender.At(clip.HeadBlur(t => (5.7 + 10 * t, 15.2), radius), 1);
        for (var y = 0; y < 31; y++)
            for (var x = 0; x < 31; x++)
            {
                var inside = (x - 15) * (x - 15) + (y - 15) * (y - 15) <= radius * radius;
                Assert.True(result[x, y] == (inside ? blurred : original)[x, y], $"({x}, {y}) {(inside ? "inside" : "outside")} the disc is {result[x, y]}");
            }
        var twoFunctions = CpuRender.At(clip.HeadBlur(t => 5.7 + 10 * t, _ => 15.2, radius), 1);
        Assert.Equal(result.Pixels, twoFunctions.Pixels);
    }

    [Fact]
    public void Lum_contrast_is_moviepys_formula_clamped_once()
    {
        var picture = CpuRender.At(Color(2, 2, (100, 150, 200)).LumContrast(20, 0.5, 127), 0);
        // v + 20 + 0.5·(v − 127): 106.5, 181.5, 256.5 → truncated, clamped: 106, 181, 255.
        picture.AssertPixel(1, 1, (106, 181, 255, 255), 0);
        // Clamped once, not after each step: 250 + 30 − 0.5·(250 − 127)·... stays below 255 where two clamps would not.
        CpuRender.At(Color(1, 1, (250, 0, 0)).LumContrast(30, -0.5, 127), 0).AssertPixel(0, 0, (218, 93, 93, 255), 0);
    }

    [Fact]
    public void Make_loopable_cross_fades_the_end_into_the_start()
    {
        var clip = CpuRender.FrameCounter(3);
        var loopable = clip.MakeLoopable(1);
        Assert.Equal(2, loopable.Duration);
        Assert.Equal(36, CpuRender.At(loopable, 0.2)[0, 0].R);
        // At 1.5 s: the clip at 2.5 s (frame 75) under its copy at 0.5 s (frame 15) half faded in.
        Assert.InRange(CpuRender.At(loopable, 1.5)[0, 0].R, 44, 46);
    }

    [Fact]
    public void Mask_and_and_mask_or_are_moviepys_minimum_and_maximum()
    {
        // moviepy's docstring: red and green give black.
        var red = Color(1, 1, "red");
        var green = Color(1, 1, (0, 255, 0));
        CpuRender.At(red.MaskAnd(green), 0).AssertPixel(0, 0, (0, 0, 0, 255), 0);
        CpuRender.At(red.MaskOr(green), 0).AssertPixel(0, 0, (255, 255, 0, 255), 0);
        CpuRender.At(Color(1, 1, (10, 200, 30)).MaskAnd(Color(1, 1, (50, 100, 20))), 0).AssertPixel(0, 0, (10, 100, 20, 255), 0);
    }

    [Fact]
    public void Painting_saturates_flat_color_and_darkens_edges()
    {
        var picture = CpuRender.At(Color(5, 5, (100, 50, 20)).Painting(), 0);
        // Inside a flat color there are no edges: ⌊1.4·v⌋.
        picture.AssertPixel(2, 2, (140, 70, 28, 255), 0);
        // Pillow's filters copy the border, so its luma counts as an edge there.
        var luma = (100 * 19595 + 50 * 38470 + 20 * 7471 + 32768) >> 16;
        var darkening = 0.006 * 255 * luma;
        picture.AssertPixel(0, 0, ((int)Math.Max(0, 140 - darkening), (int)Math.Max(0, 70 - darkening), (int)Math.Max(0, 28 - darkening), 255), 1);
    }

    [Fact]
    public void Scroll_moves_the_window_and_stops_at_the_edge()
    {
        var strip = Frames(20, 4, 200, (_, rgba) => { for (var i = 0; i < 80; i++) { rgba[i * 4] = (byte)(i % 20 * 10); rgba[i * 4 + 3] = 255; } });
        var scroll = strip.Scroll(width: 5, xSpeed: 2);
        Assert.Equal((5, 4), (scroll.Width, scroll.Height));
        Assert.Equal(0, CpuRender.At(scroll, 0)[0, 0].R);
        Assert.Equal(30, CpuRender.At(scroll, 1.5)[0, 0].R);
        Assert.Equal(20, CpuRender.At(scroll, 1.25)[0, 0].R); // round(2.5) is 2, as Python's round
        Assert.Equal(150, CpuRender.At(scroll, 100)[0, 0].R);
        Assert.Equal(190, CpuRender.At(scroll, 100)[4, 0].R);
    }

    [Theory]
    [InlineData(1.01, 0.1, 5)]
    [InlineData(0.52, 0.2, 3)]
    [InlineData(1.5, 0.05, 1)]
    [InlineData(0.03, 0.1, 4)]
    public void Supersample_is_numpys_mean_of_linspaced_frames(double t, double d, int n)
    {
        var clip = CpuRender.FrameCounter(2);
        // moviepy: timings = np.linspace(t - d, t + d, n); np.mean(frames).astype("uint8"); before the start shows frame 0.
        var timings = Enumerable.Range(0, n).Select(k => n == 1 ? t - d : t - d + k * (2 * d / (n - 1))).ToList();
        var expected = (int)Math.Floor(timings.Average(time => (double)Thirty.FrameAt(Math.Max(0, time))));
        Assert.Equal(expected, CpuRender.At(clip.Supersample(d, n), t)[0, 0].R);
    }

    [Fact]
    public void Arguments_are_checked_at_the_call_naming_the_argument()
    {
        var clip = Color(8, 6, "red").WithDuration(2);
        Assert.Equal("soonness", Assert.Throws<ArgumentOutOfRangeException>(() => clip.AccelDecel(soonness: 0)).ParamName);
        Assert.Equal("abruptness", Assert.Throws<ArgumentOutOfRangeException>(() => clip.AccelDecel(abruptness: -1)).ParamName);
        Assert.Equal("newDuration", Assert.Throws<ArgumentOutOfRangeException>(() => clip.AccelDecel(newDuration: -1)).ParamName);
        Assert.Equal("on", Assert.Throws<ArgumentOutOfRangeException>(() => clip.Blink(0, 1)).ParamName);
        Assert.Contains("exactly one", Assert.Throws<ArgumentException>(() => clip.FreezeRegion(1)).Message, StringComparison.Ordinal);
        Assert.Equal("region", Assert.Throws<ArgumentOutOfRangeException>(() => clip.FreezeRegion(1, region: (0, 0, 9, 2))).ParamName);
        Assert.Equal("at", Assert.Throws<ArgumentOutOfRangeException>(() => clip.FreezeRegion(5, region: (0, 0, 2, 2))).ParamName);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => clip.FreezeRegion(1, mask: Color(2, 2, "white"))).ParamName);
        Assert.Equal("radius", Assert.Throws<ArgumentOutOfRangeException>(() => clip.HeadBlur(_ => (1, 1), 0)).ParamName);
        Assert.Equal("lum", Assert.Throws<ArgumentOutOfRangeException>(() => clip.LumContrast(lum: 999)).ParamName);
        Assert.Equal("contrastThreshold", Assert.Throws<ArgumentOutOfRangeException>(() => clip.LumContrast(contrastThreshold: 300)).ParamName);
        Assert.Equal("overlap", Assert.Throws<ArgumentOutOfRangeException>(() => clip.MakeLoopable(2)).ParamName);
        var other = Assert.Throws<ArgumentException>(() => clip.MaskAnd(Color(4, 6, "red")));
        Assert.Equal("other", other.ParamName);
        Assert.Contains("4x6", other.Message, StringComparison.Ordinal);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => clip.MaskOr(Color(8, 6, "red").WithDuration(1))).ParamName);
        Assert.Equal("black", Assert.Throws<ArgumentOutOfRangeException>(() => clip.Painting(black: 2)).ParamName);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => clip.Scroll(width: 9)).ParamName);
        Assert.Equal("xStart", Assert.Throws<ArgumentOutOfRangeException>(() => clip.Scroll(xStart: -1)).ParamName);
        Assert.Equal("frames", Assert.Throws<ArgumentOutOfRangeException>(() => clip.Supersample(0.1, 0)).ParamName);
        Assert.Equal("spread", Assert.Throws<ArgumentOutOfRangeException>(() => clip.Supersample(-0.1, 3)).ParamName);
        Assert.Contains("WithDuration", Assert.Throws<InvalidOperationException>(() => Color(2, 2, "red").TimeSymmetrize()).Message, StringComparison.Ordinal);
        Assert.Contains("WithDuration", Assert.Throws<InvalidOperationException>(() => Color(2, 2, "red").MakeLoopable(1)).Message, StringComparison.Ordinal);
    }
}
