using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Animation;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

/// <summary>
/// Parameters that take a number, a <c>t => value</c> or <c>Keyframes</c>: each moment's picture is the constant operation with
/// that moment's value, an animated size reports the largest it reaches, still stretches still plan as equal frames, and a
/// function that gives no number fails at the call, naming the argument.
/// </summary>
public class AnimatedParameterTests
{
    /// <summary>A 4x2 picture, left half red, right half blue, lasting 2 s.</summary>
    private static Clip Halves() => Composite(4, 2, [Color(2, 2, "red"), Color(2, 2, "blue").At(2, 0)], "transparent").WithDuration(2);

    /// <summary>A 6x4 picture of four colours, each pixel its own mix, lasting 2 s.</summary>
    private static Clip Varied() => Frames(6, 4, 2, (t, px) =>
    {
        for (var i = 0; i < px.Length; i += 4)
        {
            px[i] = (byte)(i * 7 % 256);
            px[i + 1] = (byte)(i * 13 % 256);
            px[i + 2] = (byte)(255 - i * 5 % 256);
            px[i + 3] = 255;
        }
    });

    [Fact]
    public void Ken_Burns_zoom_grows_from_the_middle_of_its_largest_size()
    {
        var zoom = Halves().Resize(scale: t => 1 + t);

        Assert.Equal((12, 6), (zoom.Width, zoom.Height));
        var start = CpuRender.At(zoom, 0);
        start.AssertPixel(0, 0, (0, 0, 0, 0));
        start.AssertPixel(4, 2, (255, 0, 0, 255));
        start.AssertPixel(7, 3, (0, 0, 255, 255));
        start.AssertPixel(8, 3, (0, 0, 0, 0));
        var end = CpuRender.At(zoom, 2);
        end.AssertPixel(0, 0, (255, 0, 0, 255));
        end.AssertPixel(11, 5, (0, 0, 255, 255));
    }

    [Fact]
    public void Resize_takes_keyframes_for_a_width_keeping_the_aspect_ratio()
    {
        var grow = Halves().Resize(width: new Keyframes((0, 4.0), (1, 8.0)));

        Assert.Equal((8, 4), (grow.Width, grow.Height));
        Assert.Equal(CpuRender.At(Halves().Resize(8, 4), 1.5).Pixels, CpuRender.At(grow, 1.5).Pixels);
    }

    [Fact]
    public void Existing_resize_calls_keep_their_meaning()
    {
        Assert.Equal((8, 4), (Halves().Resize(width: 8).Width, Halves().Resize(width: 8).Height));
        Assert.Equal((2, 1), (Halves().Resize(scale: 0.5).Width, Halves().Resize(scale: 0.5).Height));
        Assert.Equal((6, 5), (Halves().Resize(6, 5).Width, Halves().Resize(6, 5).Height));
        Assert.Equal(8, Halves().Resize(height: 4, filter: "lanczos").Width);
        Assert.Throws<ArgumentException>(() => Halves().Resize());
    }

    [Fact]
    public void CropCenter_pans_a_window_across_the_picture()
    {
        var pan = Halves().CropCenter(t => (1 + t, 1), 2, 2);

        Assert.Equal((2, 2), (pan.Width, pan.Height));
        var start = CpuRender.At(pan, 0);
        start.AssertPixel(0, 0, (255, 0, 0, 255));
        start.AssertPixel(1, 0, (255, 0, 0, 255));
        var middle = CpuRender.At(pan, 1);
        middle.AssertPixel(0, 0, (255, 0, 0, 255));
        middle.AssertPixel(1, 0, (0, 0, 255, 255));
        var end = CpuRender.At(pan, 2);
        end.AssertPixel(0, 1, (0, 0, 255, 255));
    }

    /// <summary>A 40x3 opaque picture lasting 2 s whose column x has red 5 + 6x, so a pixel tells which column it came from.</summary>
    private static Clip Columns() => Frames(40, 3, 2, (t, px) =>
    {
        for (var i = 0; i < px.Length; i += 4)
            (px[i], px[i + 3]) = ((byte)(5 + 6 * (i / 4 % 40)), 255);
    });

    /// <summary>The source columns a frame of <see cref="Columns"/> shows along its middle row (-1 where it shows nothing).</summary>
    private static int[] ColumnsShown(CpuRender frame) =>
        Enumerable.Range(0, frame.Width).Select(x => frame[x, 1] is { A: 255 } p ? (p.R - 5) / 6 : -1).ToArray();

    [Fact]
    public void A_moving_crop_of_constant_width_keeps_it_and_steps_one_pixel_a_frame()
    {
        // Corners on half pixels: rounded halves to even, the window was 6, 4, 6, 4 pixels wide and jumped two pixels at a time.
        // 32 frames at 25 fps reach 0.5 + 25 * (29 / 25.0) = 29.499999999999996, which must still count as the half.
        var fps = new FrameRate(25);
        var pan = Columns().WithDuration(1.28).Crop(t => (0.5 + 25 * t, 0, 5.5 + 25 * t, 3));

        Assert.Equal((5, 3), (pan.Width, pan.Height));
        for (var k = 0; k < 32; k++)
            Assert.Equal(Enumerable.Range(k + 1, 5), ColumnsShown(CpuRender.At(pan, fps.TimeOf(k))));
    }

    [Fact]
    public void A_moving_crop_keeps_an_edge_on_a_whole_pixel_where_it_is_while_the_other_moves_by_halves()
    {
        // The left edge at 0.5 and 2.5 pixels rounds up to 1 and 3; the right one stays at 20 (the size rounds halves down).
        var shrinking = Columns().WithDuration(1).Crop(t => (10 * t, 0, 20, 3));

        Assert.Equal(Enumerable.Range(1, 19), ColumnsShown(CpuRender.At(shrinking, 0.05)).Where(c => c >= 0));
        Assert.Equal(Enumerable.Range(3, 17), ColumnsShown(CpuRender.At(shrinking, 0.25)).Where(c => c >= 0));
    }

    [Fact]
    public void CropCenter_with_an_odd_window_pans_one_pixel_a_frame()
    {
        var fps = new FrameRate(25);
        var pan = Columns().CropCenter(t => (6 + 25 * t, 1), 5, 3);

        for (var k = 0; k < 5; k++)
            Assert.Equal(Enumerable.Range(4 + k, 5), ColumnsShown(CpuRender.At(pan, fps.TimeOf(k))));
    }

    [Fact]
    public void A_pan_drawn_only_where_frames_changed_shows_each_frames_window()
    {
        var fps = new FrameRate(25);
        var scene = Composite(24, 3, Color(24, 3, "black"), Columns().WithDuration(1).Crop(t => (0.5 + 25 * t, 0, 5.5 + 25 * t, 3)).At(10, 0)).WithDuration(1);
        using var backend = new ScriptComposer.Gpu.Cpu.CpuBackend();
        using var renderer = new ScriptComposer.Dsl.Rendering.FrameRenderer(backend);
        byte[][] buffers = [new byte[24 * 3 * 4], new byte[24 * 3 * 4]];
        for (var k = 0; k < 12; k++)
        {
            var frame = buffers[k % 2];
            renderer.ExecuteAfter(renderer.Planner.Plan(scene, fps.TimeOf(k), PipeFormat.Rgba), frame, k == 0 ? null : buffers[(k + 1) % 2]);
            var shown = Enumerable.Range(0, 24).Select(x => frame[(24 + x) * 4] is var red && red > 0 ? (red - 5) / 6 : -1);
            Assert.Equal([.. Enumerable.Repeat(-1, 10), .. Enumerable.Range(k + 1, 5), .. Enumerable.Repeat(-1, 9)], shown);
        }
        Assert.True(renderer.PartialFrames > 0, "the frames after the first are drawn only where the pan changed them");
    }

    [Fact]
    public void Crop_with_corners_over_time_reports_its_largest_rectangle()
    {
        var widening = Halves().Crop(t => (0, 0, 2 + t, 2));

        Assert.Equal((4, 2), (widening.Width, widening.Height));
        var start = CpuRender.At(widening, 0);
        start.AssertPixel(0, 0, (0, 0, 0, 0));
        start.AssertPixel(1, 0, (255, 0, 0, 255));
        start.AssertPixel(2, 0, (255, 0, 0, 255));
        start.AssertPixel(3, 0, (0, 0, 0, 0));
    }

    [Fact]
    public void Margin_over_time_grows_a_border_around_the_centered_picture()
    {
        var framed = Color(2, 2, "red").WithDuration(1).Margin(t => 2 * t, color: "white");

        Assert.Equal((6, 6), (framed.Width, framed.Height));
        var start = CpuRender.At(framed, 0);
        start.AssertPixel(0, 0, (0, 0, 0, 0));
        start.AssertPixel(2, 2, (255, 0, 0, 255));
        var end = CpuRender.At(framed, 1);
        end.AssertPixel(0, 0, (255, 255, 255, 255));
        end.AssertPixel(3, 3, (255, 0, 0, 255));
    }

    public static TheoryData<string> Effects => ["brightness", "contrast", "saturation", "gamma", "colorx", "blur", "chromakey"];

    /// <summary>The animated form at each moment is the constant form with that moment's value.</summary>
    [Theory]
    [MemberData(nameof(Effects))]
    public void Each_moment_of_an_animated_effect_is_the_constant_effect(string effect)
    {
        foreach (var t in new[] { 0.0, 0.7, 2.0 })
        {
            var animated = Animate(Varied(), effect, time => Value(effect, time));
            var constant = Constant(Varied(), effect, Value(effect, t));
            Assert.Equal(CpuRender.At(constant, t).Pixels, CpuRender.At(animated, t).Pixels);
        }
    }

    internal static double Value(string effect, double t) => effect switch
    {
        "brightness" => 0.2 * t - 0.1,
        "contrast" or "saturation" or "gamma" or "colorx" => 0.5 + 0.6 * t,
        "blur" => 1.5 * t,
        _ => 60 * t,
    };

    internal static Clip Animate(Clip clip, string effect, Func<double, double> value) => effect switch
    {
        "brightness" => clip.Brightness(value),
        "contrast" => clip.Contrast(value),
        "saturation" => clip.Saturation(value),
        "gamma" => clip.Gamma(value),
        "colorx" => clip.ColorX(value),
        "blur" => clip.Blur(value),
        _ => clip.ChromaKey("#00ffff", value),
    };

    internal static Clip Constant(Clip clip, string effect, double value) => effect switch
    {
        "brightness" => clip.Brightness(value),
        "contrast" => clip.Contrast(value),
        "saturation" => clip.Saturation(value),
        "gamma" => clip.Gamma(value),
        "colorx" => clip.ColorX(value),
        "blur" => clip.Blur(value),
        _ => clip.ChromaKey("#00ffff", value),
    };

    [Fact]
    public void Still_stretches_of_animated_values_plan_as_equal_frames()
    {
        var planner = new FramePlanner();
        var keys = new Keyframes((0, 0.0), (1, 0.5));
        var scene = Composite(8, 4, Halves().Brightness(keys).Resize(scale: new Keyframes((0, 1.0), (1, 2.0))).At(0, 0)).WithDuration(2);

        Assert.Equal(planner.Plan(scene, 1.2, PipeFormat.Rgba), planner.Plan(scene, 1.8, PipeFormat.Rgba));
        Assert.NotEqual(planner.Plan(scene, 0.2, PipeFormat.Rgba), planner.Plan(scene, 0.4, PipeFormat.Rgba));
    }

    [Fact]
    public void A_function_that_gives_no_number_fails_at_the_call_naming_the_argument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Varied().Brightness(t => 1 / (t - 1) * 0));
        Assert.Equal("amount", error.ParamName);
        Assert.Contains("Brightness's amount function returned NaN at 1 s", error.Message);

        var blur = Assert.Throws<ArgumentOutOfRangeException>(() => Varied().Blur(t => t > 1.5 ? double.PositiveInfinity : 1));
        Assert.Equal("sigma", blur.ParamName);

        var size = Assert.Throws<ScriptComposerException>(() => Halves().Resize(scale: t => 1 - t));
        Assert.Contains("Resize's scale function returned 0 at 1 s; a scale must be above 0", size.Message);

        var width = Assert.Throws<ScriptComposerException>(() => Halves().Resize(width: t => t < 1 ? 4 : 0));
        Assert.Contains("Resize's width function gave 0 pixels at 1 s; it must give 1 to", width.Message);
    }

    [Fact]
    public void An_animated_size_needs_a_duration()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Color(4, 4, "red").Resize(scale: t => 1 + t));

        Assert.Contains("WithDuration", error.Message);
    }

    [Fact]
    public void A_crop_that_keeps_nothing_names_the_moment()
    {
        var error = Assert.Throws<ScriptComposerException>(() => Halves().Crop(t => (0, 0, 2 - t, 2)));

        Assert.Contains("returned (0, 0, 0.5, 2) at 1.5 s, which keeps nothing of the 4x2 picture", error.Message);
    }
}
