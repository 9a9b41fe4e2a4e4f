using ScriptComposer.Dsl;
using ScriptComposer.Gpu;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

/// <summary>The picture effects of the DSL, rendered on the CPU backend (the kernels themselves are checked three ways in tests/Backend).</summary>
public class VisualEffectTests
{
    /// <summary>A 4x2 picture: left half red, right half blue.</summary>
    private static Clip Halves() => Composite(4, 2, [Color(2, 2, "red"), Color(2, 2, "blue").At(2, 0)], "transparent");

    [Fact]
    public void MirrorX_swaps_left_and_right()
    {
        var frame = CpuRender.At(Halves().MirrorX(), 0);

        frame.AssertPixel(0, 0, (0, 0, 255, 255));
        frame.AssertPixel(3, 1, (255, 0, 0, 255));
    }

    [Fact]
    public void MirrorY_swaps_top_and_bottom()
    {
        var topWhite = Composite(2, 2, [Color(2, 1, "white")], "black").WithDuration(1);

        var frame = CpuRender.At(topWhite.MirrorY(), 0);

        frame.AssertPixel(0, 0, (0, 0, 0, 255));
        frame.AssertPixel(1, 1, (255, 255, 255, 255));
    }

    [Fact]
    public void Rotate_90_with_expand_swaps_the_size_and_turns_counter_clockwise()
    {
        var turned = Halves().Rotate(90);

        Assert.Equal((2, 4), (turned.Width, turned.Height));
        var frame = CpuRender.At(turned, 0);
        // Counter-clockwise: the right (blue) half goes to the top.
        frame.AssertPixel(0, 0, (0, 0, 255, 255));
        frame.AssertPixel(1, 3, (255, 0, 0, 255));
        Assert.Equal((4, 2), (Halves().Rotate(30, expand: false).Width, Halves().Rotate(30, expand: false).Height));
        Assert.Equal((5, 4), (Halves().Rotate(30).Width, Halves().Rotate(30).Height));
    }

    [Fact]
    public void Blend_multiply_darkens_by_the_layer_color()
    {
        var scene = Composite(2, 2, [Color(2, 2, "#808080"), Color(2, 2, "#ff8000").Blend("multiply")], "black").WithDuration(1);

        CpuRender.At(scene, 0).AssertPixel(0, 0, (128, 64, 0, 255));
        Assert.Throws<ArgumentException>(() => Color(2, 2).Blend("dodge"));
    }

    [Fact]
    public void Color_adjustments_change_the_straight_color_and_keep_alpha()
    {
        CpuRender.At(Color(2, 2, "#204060").Invert(), 0).AssertPixel(0, 0, (223, 191, 159, 255));
        CpuRender.At(Color(2, 2, "#204060").ColorX(2), 0).AssertPixel(0, 0, (64, 128, 192, 255));
        CpuRender.At(Color(2, 2, "#ff0000").BlackAndWhite(), 0).AssertPixel(0, 0, (54, 54, 54, 255));
        CpuRender.At(Color(2, 2, "#ff000080").Invert(), 0).AssertPixel(0, 0, (0, 128, 128, 128));
        Assert.Throws<ArgumentOutOfRangeException>(() => Color(2, 2).Brightness(3));
    }

    [Fact]
    public void Blur_keeps_a_flat_picture_flat_and_softens_an_edge()
    {
        CpuRender.At(Color(8, 8, "#336699").Blur(2), 0).AssertPixel(4, 4, (51, 102, 153, 255));
        var edge = CpuRender.At(Composite(8, 2, [Color(4, 2, "white")], "black").WithDuration(1).Blur(1), 0);

        Assert.InRange(edge[3, 0].R, 130, 254);
        Assert.InRange(edge[4, 0].R, 1, 125);
    }

    [Fact]
    public void ChromaKey_makes_the_key_color_transparent_and_keeps_the_rest()
    {
        var screen = Composite(4, 2, [Color(2, 2, "#00ff00"), Color(2, 2, "#ff00ff").At(2, 0)], "transparent").WithDuration(1);

        var frame = CpuRender.At(screen.ChromaKey("#00ff00", threshold: 40, softness: 20), 0);

        frame.AssertPixel(0, 0, (0, 0, 0, 0));
        frame.AssertPixel(3, 0, (255, 0, 255, 255));
    }

    [Fact]
    public void A_pixel_effect_runs_its_cpu_function_with_position_and_time()
    {
        var effect = PixelEffect(cpu: (px, x, y, t) => new Float4(x / 4f, (float)t, 1 - px.Z, 1));

        var frame = CpuRender.At(Color(4, 2, "#0000ff").WithDuration(2).Apply(effect), 0.5);

        frame.AssertPixel(2, 0, (128, 128, 0, 255));
    }

    [Fact]
    public void A_pixel_effect_without_a_cpu_function_says_how_to_run_it()
    {
        var effect = new PixelEffect(cuda: "px.x = 1.0f - px.x;");

        var error = Assert.ThrowsAny<Exception>(() => CpuRender.At(Color(2, 2, "red").Apply(effect), 0));

        Assert.Contains("cpu: (px, x, y, t)", error.Message);
    }

    [SkippableFact]
    public void A_cuda_body_that_does_not_compile_is_reported_with_nvrtc_message_and_script_line()
    {
        var nvrtc = new ScriptComposer.Gpu.Cuda.KernelCompiler().NvrtcStatus;
        Skip.If(!nvrtc.IsAvailable && Environment.GetEnvironmentVariable("SC_REQUIRE_NVRTC") != "1", $"NVRTC is not available ({nvrtc.Reason}); install libnvrtc11.2 to check CUDA bodies");

        var error = Assert.Throws<ScriptComposerException>(() => PixelEffect(cuda: "px.x = 1.0f -;\n", file: "/s/fx.csx", line: 7));

        Assert.StartsWith("/s/fx.csx(7): error: the CUDA source of PixelEffect", error.Message);
        Assert.Contains("expected an expression", error.Message);
    }

    [Fact]
    public void Resize_filters_are_chosen_by_name()
    {
        var clip = Halves().Resize(width: 8, filter: "lanczos");

        Assert.Equal((8, 4), (clip.Width, clip.Height));
        // Lanczos rings a little next to the red/blue edge; bilinear does not.
        CpuRender.At(clip, 0).AssertPixel(0, 0, (255, 0, 0, 255), tolerance: 10);
        CpuRender.At(Halves().Resize(width: 8), 0).AssertPixel(0, 0, (255, 0, 0, 255));
        Assert.Throws<ArgumentException>(() => Halves().Resize(width: 8, filter: "nearest"));
    }
}
