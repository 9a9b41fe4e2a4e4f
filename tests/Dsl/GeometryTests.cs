using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Animation;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

public class GeometryTests
{
    /// <summary>A 4x2 picture: left half red, right half blue.</summary>
    private static Clip Halves() => Composite(4, 2, [Color(2, 2, "red"), Color(2, 2, "blue").At(2, 0)], "transparent");

    [Fact]
    public void Crop_keeps_the_rectangle()
    {
        var frame = CpuRender.At(Halves().Crop(1, 0, 3, 2), 0);

        Assert.Equal((2, 2), (frame.Width, frame.Height));
        frame.AssertPixel(0, 1, (255, 0, 0, 255));
        frame.AssertPixel(1, 1, (0, 0, 255, 255));
    }

    [Fact]
    public void CropCenter_moves_its_window_one_pixel_for_each_pixel_its_center_moves()
    {
        // Column x of the picture has red 10x; a 5-wide window's left edge falls on half a pixel, which rounds up.
        var columns = Frames(17, 3, 1, (t, px) =>
        {
            for (var i = 0; i < px.Length; i += 4)
                (px[i], px[i + 3]) = ((byte)(10 * (i / 4 % 17)), 255);
        });

        for (var center = 6; center <= 10; center++)
        {
            var frame = CpuRender.At(columns.CropCenter(center, 1, 5, 3), 0);
            Assert.Equal((5, 3), (frame.Width, frame.Height));
            Assert.Equal(Enumerable.Range(center - 2, 5), Enumerable.Range(0, 5).Select(x => frame[x, 1].R / 10));
        }
        Assert.Equal(4, CpuRender.At(columns.CropCenter(6, 1, 4, 3), 0)[0, 1].R / 10);
    }

    [Fact]
    public void Crop_outside_the_clip_names_its_size()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Halves().Crop(0, 0, 5, 2));

        Assert.Contains("4x2", error.Message);
    }

    [Fact]
    public void Margin_adds_a_colored_border()
    {
        var frame = CpuRender.At(Halves().Margin(1, color: "white"), 0);

        Assert.Equal((6, 4), (frame.Width, frame.Height));
        frame.AssertPixel(0, 0, (255, 255, 255, 255));
        frame.AssertPixel(1, 1, (255, 0, 0, 255));
        frame.AssertPixel(4, 2, (0, 0, 255, 255));
    }

    [Fact]
    public void Margin_keeps_the_clips_own_transparency_inside_the_border()
    {
        // Left half opaque red, right half transparent: framed in white over blue, the blue shows through the right half (moviepy margins the mask too).
        var halfClear = Clips.Frames(8, 8, 1, (t, rgba) =>
        {
            for (var i = 0; i < 64; i++)
                (rgba[i * 4], rgba[i * 4 + 3]) = ((byte)(i % 8 < 4 ? 255 : 0), (byte)(i % 8 < 4 ? 255 : 0));
        });
        var scene = Clips.Composite(16, 12, [halfClear.Margin(2, color: "white").At(2, 0)], "blue").WithDuration(1);

        var frame = CpuRender.At(scene, 0);

        frame.AssertPixel(3, 5, (255, 255, 255, 255), 0);   // the border
        frame.AssertPixel(5, 5, (255, 0, 0, 255), 0);       // the opaque half
        frame.AssertPixel(9, 5, (0, 0, 255, 255), 0);       // the transparent half: the background, not the border's white
        frame.AssertPixel(12, 5, (255, 255, 255, 255), 0);  // the border on the right
        frame.AssertPixel(9, 1, (255, 255, 255, 255), 0);   // and above
    }

    [Fact]
    public void Margin_opacity_makes_the_border_translucent()
    {
        var frame = CpuRender.At(Halves().Margin(left: 2, color: "white", opacity: 0.5), 0);

        Assert.Equal((6, 2), (frame.Width, frame.Height));
        frame.AssertPixel(0, 0, (128, 128, 128, 128));
    }

    [Fact]
    public void Resize_keeps_the_aspect_ratio_from_one_side()
    {
        var clip = Halves().Resize(width: 8);

        Assert.Equal((8, 4), (clip.Width, clip.Height));
        var frame = CpuRender.At(clip, 0);
        frame.AssertPixel(0, 0, (255, 0, 0, 255));
        frame.AssertPixel(7, 3, (0, 0, 255, 255));
        Assert.Equal((2, 1), (Halves().Resize(scale: 0.5).Width, Halves().Resize(scale: 0.5).Height));
    }

    [Fact]
    public void Resize_refuses_impossible_sizes()
    {
        Assert.Throws<ArgumentException>(() => Halves().Resize());
        Assert.Throws<ArgumentOutOfRangeException>(() => Halves().Resize(width: 0, height: 3));
    }

    [Fact]
    public void Transforms_bake_the_inner_opacity_and_mask()
    {
        var masked = Color(4, 2, "white").WithMask(Halves().Crop(0, 0, 4, 2)).Opacity(0.5);

        var frame = CpuRender.At(masked.Crop(0, 0, 4, 2), 0);

        // Red has luminance 0.299, blue 0.114: the mask keeps that much of the white, halved by the opacity.
        frame.AssertPixel(0, 0, (38, 38, 38, 38));
        frame.AssertPixel(3, 0, (15, 15, 15, 15));
    }

    [Fact]
    public void Grid_sizes_cells_from_the_largest_clip_and_centers_the_rest()
    {
        var grid = Grid(new Clip[,] { { Color(4, 4, "red"), Color(2, 2, "blue") }, { Color(2, 6, "lime"), Color(4, 4, "white") } }, bg: "black");

        Assert.Equal((8, 10), (grid.Width, grid.Height));
        var frame = CpuRender.At(grid.WithDuration(1), 0);
        frame.AssertPixel(0, 0, (255, 0, 0, 255));
        frame.AssertPixel(4, 0, (0, 0, 0, 255));
        frame.AssertPixel(5, 1, (0, 0, 255, 255));
        frame.AssertPixel(0, 4, (0, 0, 0, 255));
        frame.AssertPixel(1, 4, (0, 255, 0, 255));
        frame.AssertPixel(2, 9, (0, 255, 0, 255));
        frame.AssertPixel(3, 9, (0, 0, 0, 255));
        frame.AssertPixel(7, 9, (0, 0, 0, 255));
        frame.AssertPixel(6, 6, (255, 255, 255, 255));
    }

    [Fact]
    public void Gradients_go_from_color1_at_p1_to_color2_at_p2()
    {
        var linear = CpuRender.At(Gradient.Linear(100, 1, (0, 0), (100, 0), "black", "white"), 0);
        var radial = CpuRender.At(Gradient.Radial(101, 101, (50.5, 50.5), 50, "white", "black"), 0);

        linear.AssertPixel(0, 0, (1, 1, 1, 255));
        linear.AssertPixel(49, 0, (126, 126, 126, 255));
        linear.AssertPixel(99, 0, (254, 254, 254, 255));
        radial.AssertPixel(50, 50, (255, 255, 255, 255));
        radial.AssertPixel(0, 50, (0, 0, 0, 255));
        Assert.Throws<ArgumentException>(() => Gradient.Linear(10, 10, (1, 1), (1, 1), "red", "blue"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gradient.Radial(10, 10, (1, 1), 0, "red", "blue"));
    }

    [Fact]
    public void Keyframes_interpolate_with_easing_and_hold_outside()
    {
        var linear = new Keyframes((0, 0.0), (2, 1.0));
        var eased = Keyframes.Of(Ease.EaseInOut, (0, 0.0), (2, 1.0));

        Assert.Equal(0.25, linear[0.5], 9);
        Assert.Equal(0.0, linear[-1], 9);
        Assert.Equal(1.0, linear[5], 9);
        Assert.Equal(0.5, eased[1], 9);
        Assert.True(eased[0.5] < 0.25);
        Assert.Throws<ArgumentException>(() => new Keyframes((1, 0.0), (0, 1.0)));
    }

    [Fact]
    public void Keyframed_opacity_applies_at_the_layer_time()
    {
        var layer = Color(2, 2, "white").Opacity(new Keyframes((0, 0.0), (1, 1.0))).WithStart(1);
        var scene = Composite(2, 2, [layer], "black").WithDuration(3);

        CpuRender.At(scene, 1.5).AssertPixel(0, 0, (128, 128, 128, 255));
        CpuRender.At(scene, 2.5).AssertPixel(0, 0, (255, 255, 255, 255));
    }

    [Fact]
    public void CrossFadeOut_lowers_opacity_to_zero_at_the_end()
    {
        var layer = Color(2, 2, "white").WithDuration(2).CrossFadeOut(1);
        var scene = Composite(2, 2, [layer], "black");

        CpuRender.At(scene, 1.5).AssertPixel(0, 0, (128, 128, 128, 255));
        CpuRender.At(scene, 0.5).AssertPixel(0, 0, (255, 255, 255, 255));
    }
}
