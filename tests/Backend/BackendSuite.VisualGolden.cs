using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>Hand-computed pixel values for the visual vocabulary (exact: no tolerance).</summary>
public abstract partial class BackendSuite
{
    [SkippableFact]
    public void Mirror_x_flips_left_to_right()
    {
        var pixels = RunOnBackend([(4, 3, null), (4, 3, Numbered(4, 3))], (b, i) => b.MirrorX(i[1], i[0]));
        PixelIs(pixels, 4, 0, 0, 31, 1, 200, 255, "(0,0) ← (3,0)");
        PixelIs(pixels, 4, 3, 2, 1, 21, 200, 255, "(3,2) ← (0,2)");
        PixelIs(pixels, 4, 1, 1, 21, 11, 200, 255, "(1,1) ← (2,1)");
    }

    [SkippableFact]
    public void Mirror_y_flips_top_to_bottom()
    {
        var pixels = RunOnBackend([(4, 3, null), (4, 3, Numbered(4, 3))], (b, i) => b.MirrorY(i[1], i[0]));
        PixelIs(pixels, 4, 0, 0, 1, 21, 200, 255, "(0,0) ← (0,2)");
        PixelIs(pixels, 4, 3, 2, 31, 1, 200, 255, "(3,2) ← (3,0)");
        PixelIs(pixels, 4, 2, 1, 21, 11, 200, 255, "(2,1) ← (2,1)");
    }

    [SkippableFact]
    public void Rotate_90_is_counter_clockwise_and_lossless()
    {
        // Counter-clockwise: the source's right column becomes the top row. target(x, y) = source(sw − 1 − y, x).
        var source = RandomPremultiplied(5, 3);
        var pixels = RunOnBackend([(3, 5, null), (5, 3, source)], (b, i) => b.Rotate(i[1], i[0], 90f, Rgba.Black));
        var expected = new byte[pixels.Length];
        for (var y = 0; y < 5; y++)
            for (var x = 0; x < 3; x++)
                source.AsSpan(((x * 5) + (5 - 1 - y)) * 4, 4).CopyTo(expected.AsSpan((y * 3 + x) * 4));
        PixelAssert.Equal(expected, pixels, 3, 5, 0, "rotate by 90° of a random 5x3");
    }

    [SkippableTheory]
    [InlineData(180f)]
    [InlineData(-180f)]
    [InlineData(540f)]
    public void Rotate_180_is_lossless(float degrees)
    {
        var source = RandomPremultiplied(6, 4);
        var pixels = RunOnBackend([(6, 4, null), (6, 4, source)], (b, i) => b.Rotate(i[1], i[0], degrees, Rgba.White));
        var expected = new byte[pixels.Length];
        for (var y = 0; y < 4; y++)
            for (var x = 0; x < 6; x++)
                source.AsSpan(((3 - y) * 6 + (5 - x)) * 4, 4).CopyTo(expected.AsSpan((y * 6 + x) * 4));
        PixelAssert.Equal(expected, pixels, 6, 4, 0, $"rotate by {degrees}°");
    }

    [SkippableTheory]
    [InlineData(0f)]
    [InlineData(360f)]
    [InlineData(-720f)]
    public void Rotate_by_full_turns_is_a_copy(float degrees)
    {
        var source = RandomPremultiplied(5, 4);
        var pixels = RunOnBackend([(5, 4, null), (5, 4, source)], (b, i) => b.Rotate(i[1], i[0], degrees, Rgba.White));
        PixelAssert.Equal(source, pixels, 5, 4, 0, $"rotate by {degrees}°");
    }

    [SkippableFact]
    public void Rotate_fills_outside_with_the_premultiplied_background()
    {
        // A 3x3 opaque image rotated by 45° into 9x9: the corners map far outside the source (background, (255, 0, 0, 128)
        // premultiplied → (128, 0, 0, 128)); the center maps to the source's center pixel exactly.
        var pixels = RunOnBackend([(9, 9, null), (3, 3, Solid(3, 3, 10, 20, 30, 255))], (b, i) => b.Rotate(i[1], i[0], 45f, new Rgba(255, 0, 0, 128)));
        PixelIs(pixels, 9, 0, 0, 128, 0, 0, 128, "top-left corner");
        PixelIs(pixels, 9, 8, 8, 128, 0, 0, 128, "bottom-right corner");
        PixelIs(pixels, 9, 4, 4, 10, 20, 30, 255, "center");
    }

    [SkippableTheory]
    [InlineData(ResizeFilter.Bicubic)]
    [InlineData(ResizeFilter.Lanczos3)]
    public void Resize_with_filter_of_a_constant_image_is_constant(ResizeFilter filter)
    {
        foreach (var (sw, sh, tw, th) in new[] { (7, 5, 13, 3), (1, 1, 4, 4), (30, 20, 3, 2), (9, 9, 9, 4) })
        {
            var pixels = RunOnBackend([(tw, th, null), (sw, sh, Solid(sw, sh, 10, 20, 30, 40))], (b, i) => b.Resize(i[1], i[0], filter));
            AllPixelsAre(pixels, tw, th, 10, 20, 30, 40, $"{filter} resize of a constant {sw}x{sh} to {tw}x{th}");
        }
    }

    [SkippableTheory]
    [InlineData(ResizeFilter.Bicubic)]
    [InlineData(ResizeFilter.Lanczos3)]
    public void Resize_with_filter_to_the_same_size_is_lossless(ResizeFilter filter)
    {
        var source = RandomPremultiplied(9, 7);
        var pixels = RunOnBackend([(9, 7, null), (9, 7, source)], (b, i) => b.Resize(i[1], i[0], filter));
        PixelAssert.Equal(source, pixels, 9, 7, 0, $"{filter} resize to the same size");
    }

    [SkippableFact]
    public void Bicubic_doubling_overshoots_and_clamps()
    {
        // Catmull-Rom, 0 and 200 → four pixels. Centers −0.25, 0.25, 0.75, 1.25; weights (dyadic, exact):
        // x0: 200·k(1.25) = 200·(−0.0703125) → −14.06 → 0;  x1: 200·(k(0.75) + k(1.75)) = 200·0.203125 = 40.625 → 41;
        // x2: 200·(k(0.25) + k(1.25)) = 200·0.796875 = 159.375 → 159;  x3: 200·(1 − k(1.75)) = 200·1.0703125 = 214.06 → 214.
        var source = new byte[] { 0, 0, 0, 255, 200, 200, 200, 255 };
        var pixels = RunOnBackend([(4, 1, null), (2, 1, source)], (b, i) => b.Resize(i[1], i[0], ResizeFilter.Bicubic));
        PixelIs(pixels, 4, 0, 0, 0, 0, 0, 255, "undershoot clamped to 0");
        PixelIs(pixels, 4, 1, 0, 41, 41, 41, 255, "a quarter of the way");
        PixelIs(pixels, 4, 2, 0, 159, 159, 159, 255, "three quarters of the way");
        PixelIs(pixels, 4, 3, 0, 214, 214, 214, 255, "overshoot past 200");
    }

    [SkippableTheory]
    [InlineData(ResizeFilter.Bicubic)]
    [InlineData(ResizeFilter.Lanczos3)]
    public void Resize_with_filter_downscaling_does_not_alias(ResizeFilter filter)
    {
        // Alternating black and white columns, 9 → 3: bilinear samples pixel centers 1, 4, 7 (white, black, white: aliasing);
        // a filter widened by the ratio averages them to about half gray.
        var source = new byte[9 * 4];
        for (var x = 0; x < 9; x++)
            source.AsSpan(x * 4, 4).Fill(x % 2 == 1 ? (byte)255 : (byte)0);
        for (var x = 0; x < 9; x++)
            source[x * 4 + 3] = 255;
        var bilinear = RunOnBackend([(3, 1, null), (9, 1, source)], (b, i) => b.Resize(i[1], i[0]));
        PixelIs(bilinear, 3, 1, 0, 0, 0, 0, 255, "bilinear (for contrast)");
        var pixels = RunOnBackend([(3, 1, null), (9, 1, source)], (b, i) => b.Resize(i[1], i[0], filter));
        for (var x = 0; x < 3; x++)
            Assert.InRange(pixels[x * 4], 85, 170);
    }

    [SkippableFact]
    public void Resize_colors_never_exceed_alpha()
    {
        // Lanczos rings: a transparent pixel next to an opaque white one must not get color without alpha.
        var source = new byte[] { 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 255, 255, 255, 255 };
        var pixels = RunOnBackend([(11, 3, null), (4, 1, source)], (b, i) => b.Resize(i[1], i[0], ResizeFilter.Lanczos3));
        for (var p = 0; p < 11 * 3; p++)
            Assert.True(pixels[p * 4] <= pixels[p * 4 + 3], $"pixel {p}: color {pixels[p * 4]} above alpha {pixels[p * 4 + 3]}");
    }

    public static TheoryData<BlendMode, byte, byte, byte> BlendGolden() => new()
    {
        // Opaque layer (200, 100, 50) over opaque canvas (100, 50, 20): out = 255·B(Cb, Cs).
        { BlendMode.Normal, 200, 100, 50 },
        { BlendMode.Add, 255, 150, 70 },         // min(1, Cb + Cs)
        { BlendMode.Multiply, 78, 20, 4 },       // 200·100/255 = 78.4, 100·50/255 = 19.6, 50·20/255 = 3.9
        { BlendMode.Screen, 222, 130, 66 },      // 300 − 78.4, 150 − 19.6, 70 − 3.9
        { BlendMode.Overlay, 157, 39, 8 },       // Cb ≤ 0.5 everywhere: 2·multiply
        { BlendMode.Darken, 100, 50, 20 },
        { BlendMode.Lighten, 200, 100, 50 },
    };

    [SkippableTheory]
    [MemberData(nameof(BlendGolden))]
    public void Blend_mode_opaque_over_opaque(BlendMode mode, byte r, byte g, byte b)
    {
        var pixels = RunOnBackend([(3, 2, Solid(3, 2, 100, 50, 20, 255)), (3, 2, Solid(3, 2, 200, 100, 50, 255))],
            (be, i) => be.Composite(i[0], i[1], new CompositeParams(0, 0, Mode: mode)));
        AllPixelsAre(pixels, 3, 2, r, g, b, 255, $"{mode} of (200, 100, 50) over (100, 50, 20)");
    }

    [SkippableFact]
    public void Overlay_of_a_bright_canvas_screens()
    {
        // Cb = 200/255 > 0.5: t = 2·Cb − 1 = 0.5686, Cs = 100/255: Cs + t − Cs·t = 0.7378 → 188.1 → 188.
        var pixels = RunOnBackend([(2, 2, Solid(2, 2, 200, 200, 200, 255)), (2, 2, Solid(2, 2, 100, 100, 100, 255))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0, Mode: BlendMode.Overlay)));
        AllPixelsAre(pixels, 2, 2, 188, 188, 188, 255, "overlay over a bright canvas");
    }

    [SkippableFact]
    public void Blend_mode_over_transparent_is_the_layer()
    {
        // αb = 0: Cs' = Cs, so every mode lays the layer as it is over nothing.
        foreach (var mode in Enum.GetValues<BlendMode>())
        {
            var pixels = RunOnBackend([(2, 2, Solid(2, 2, 0, 0, 0, 0)), (2, 2, Solid(2, 2, 100, 50, 0, 128))],
                (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0, Mode: mode)));
            AllPixelsAre(pixels, 2, 2, 100, 50, 0, 128, $"{mode} over transparent");
        }
    }

    [SkippableFact]
    public void Multiply_half_transparent_layer_over_white()
    {
        // Layer (100, 50, 0, 128): Cs = (0.78125, 0.390625, 0); over white B = Cs, so plain "over":
        // R 128·0.78125 + 255·(1 − 128/255) = 100 + 127 = 227, G 50 + 127 = 177, B 127; A 128 + 127 = 255.
        var pixels = RunOnBackend([(2, 2, Solid(2, 2, 255, 255, 255, 255)), (2, 2, Solid(2, 2, 100, 50, 0, 128))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0, Mode: BlendMode.Multiply)));
        AllPixelsAre(pixels, 2, 2, 227, 177, 127, 255, "multiply at alpha 128 over white");
    }

    [SkippableFact]
    public void Multiply_with_opacity_and_mask()
    {
        // Opaque black layer, multiply, over white at opacity 0.5: B = 0, so out = 255·keep = 255·(1 − 127.5/255) = 127.5 → 128.
        // With a black mask nothing changes.
        var half = RunOnBackend([(2, 2, Solid(2, 2, 255, 255, 255, 255)), (2, 2, Solid(2, 2, 0, 0, 0, 255))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0, 0.5f, Mode: BlendMode.Multiply)));
        AllPixelsAre(half, 2, 2, 128, 128, 128, 255, "black multiply at opacity 0.5");
        var masked = RunOnBackend([(2, 2, Solid(2, 2, 255, 255, 255, 255)), (2, 2, Solid(2, 2, 0, 0, 0, 255)), (2, 2, Solid(2, 2, 0, 0, 0, 255))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0, 1f, i[2], BlendMode.Multiply)));
        AllPixelsAre(masked, 2, 2, 255, 255, 255, 255, "black multiply under a black mask");
    }

    [SkippableFact]
    public void Adjust_colors_identity_changes_nothing()
    {
        var image = RandomPremultiplied(9, 5);
        var pixels = RunOnBackend([(9, 5, image)], (b, i) => b.AdjustColors(i[0], new ColorParams()));
        PixelAssert.Equal(image, pixels, 9, 5, 0, "identity color adjustment");
    }

    public static TheoryData<string, byte, byte, byte, byte, byte, byte, byte, byte> ColorGolden() => new()
    {
        // name, input (premultiplied), expected
        { "invert", 200, 100, 50, 255, 55, 155, 205, 255 },
        { "invert", 100, 50, 0, 128, 28, 78, 128, 128 },         // straight (0.78125, 0.390625, 0) → (0.21875, 0.609375, 1)·128
        { "invert", 0, 0, 0, 0, 0, 0, 0, 0 },                     // transparent stays transparent
        { "brightness", 100, 100, 100, 255, 151, 151, 151, 255 }, // + 0.2·255 = 51
        { "contrast", 64, 192, 128, 255, 32, 224, 128, 255 },     // 1.5·c − 63.75: 32.25, 224.25, 128.25
        { "gamma", 128, 128, 128, 255, 64, 64, 64, 255 },         // (128/255)²·255 = 64.25
        { "saturation", 255, 0, 0, 255, 54, 54, 54, 255 },        // BT.709 luma of red 0.2126·255 = 54.2
        { "blackwhite", 30, 60, 90, 255, 60, 60, 60, 255 },       // weights (1, 1, 1): the mean
        { "colorx", 100, 100, 100, 255, 50, 100, 200, 255 },      // × (0.5, 1, 2)
        { "colorx", 100, 100, 100, 128, 50, 100, 128, 128 },      // straight 200/255·2 clamps to 1 → 128
    };

    private static ColorParams ColorGoldenParams(string name) => name switch
    {
        "invert" => new ColorParams { Invert = true },
        "brightness" => new ColorParams { Brightness = 0.2f },
        "contrast" => new ColorParams { Contrast = 1.5f },
        "gamma" => new ColorParams { Gamma = 2f },
        "saturation" => new ColorParams { Saturation = 0f },
        "blackwhite" => new ColorParams { BlackWhite = true, GrayWeights = (1f, 1f, 1f) },
        "colorx" => new ColorParams { MultiplyR = 0.5f, MultiplyB = 2f },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [SkippableTheory]
    [MemberData(nameof(ColorGolden))]
    public void Adjust_colors_known_values(string adjustment, byte r, byte g, byte b, byte a, byte er, byte eg, byte eb, byte ea)
    {
        var p = ColorGoldenParams(adjustment);
        var pixels = RunOnBackend([(3, 2, Solid(3, 2, r, g, b, a))], (be, i) => be.AdjustColors(i[0], p));
        AllPixelsAre(pixels, 3, 2, er, eg, eb, ea, $"{adjustment} of ({r}, {g}, {b}, {a})");
    }

    [SkippableFact]
    public void Gaussian_blur_of_an_impulse()
    {
        // σ = 1, radius 3, weights 1, e^−½, e^−2, e^−4.5 (sum 2.50595): 255·w/sum = 101.8, 61.7, 13.8, 1.1 → 102, 62, 14, 1.
        // One row, so the vertical pass sees only the row itself and changes nothing.
        var source = new byte[7 * 4];
        source.AsSpan(3 * 4, 4).Fill(255);
        var pixels = RunOnBackend([(7, 1, null), (7, 1, source)], (b, i) => b.GaussianBlur(i[1], i[0], 1f));
        byte[] expected = [1, 14, 62, 102, 62, 14, 1];
        for (var x = 0; x < 7; x++)
            PixelIs(pixels, 7, x, 0, expected[x], expected[x], expected[x], expected[x], $"blurred impulse at {x}");
    }

    [SkippableFact]
    public void Gaussian_blur_against_transparency_keeps_the_color()
    {
        // Premultiplied: white fading into transparent stays white (color = alpha) rather than darkening to gray.
        var source = new byte[12 * 5 * 4];
        for (var y = 0; y < 5; y++)
            source.AsSpan(y * 12 * 4, 5 * 4).Fill(255);
        var pixels = RunOnBackend([(12, 5, null), (12, 5, source)], (b, i) => b.GaussianBlur(i[1], i[0], 1.7f));
        for (var p = 0; p < 12 * 5; p++)
            Assert.True(pixels[p * 4] == pixels[p * 4 + 3] && pixels[p * 4 + 1] == pixels[p * 4 + 3], $"pixel {p}: {pixels[p * 4]} vs alpha {pixels[p * 4 + 3]}");
        Assert.InRange(pixels[5 * 4 + 3], 1, 254);
    }

    [SkippableFact]
    public void Gaussian_blur_sigma_zero_copies_and_constant_stays_constant()
    {
        var source = RandomPremultiplied(6, 5);
        var copy = RunOnBackend([(6, 5, null), (6, 5, source)], (b, i) => b.GaussianBlur(i[1], i[0], 0f));
        PixelAssert.Equal(source, copy, 6, 5, 0, "blur with sigma 0");
        var constant = RunOnBackend([(6, 5, null), (6, 5, Solid(6, 5, 10, 20, 30, 40))], (b, i) => b.GaussianBlur(i[1], i[0], 2.5f));
        AllPixelsAre(constant, 6, 5, 10, 20, 30, 40, "blur of a constant image");
    }

    [SkippableFact]
    public void Chroma_key_green_screen()
    {
        // Key green, CbCr distance, threshold 50, hard edge: green goes, red stays, transparent stays transparent.
        var image = new byte[] { 0, 255, 0, 255, 255, 0, 0, 255, 0, 0, 0, 0, 0, 128, 0, 128 };
        var pixels = RunOnBackend([(4, 1, image)], (b, i) => b.ChromaKey(i[0], new ChromaKeyParams(new Rgba(0, 255, 0), 50f)));
        PixelIs(pixels, 4, 0, 0, 0, 0, 0, 0, "green");
        PixelIs(pixels, 4, 1, 0, 255, 0, 0, 255, "red");
        PixelIs(pixels, 4, 2, 0, 0, 0, 0, 0, "transparent");
        PixelIs(pixels, 4, 3, 0, 0, 0, 0, 0, "green at alpha 128 (straight green)");
    }

    [SkippableFact]
    public void Chroma_key_softness_is_linear()
    {
        // RGB distance from (0, 255, 0): (0, 105, 0) is 150 → f = (150 − 100)/100 = 0.5: (0, 52.5, 0, 127.5) → (0, 53, 0, 128).
        // White is 360.6 away: unchanged. Green itself: transparent.
        var image = new byte[] { 0, 105, 0, 255, 255, 255, 255, 255, 0, 255, 0, 255 };
        var pixels = RunOnBackend([(3, 1, image)], (b, i) => b.ChromaKey(i[0], new ChromaKeyParams(new Rgba(0, 255, 0), 100f, 100f, ChromaKeyDistance.Rgb)));
        PixelIs(pixels, 3, 0, 0, 0, 53, 0, 128, "halfway through the softness");
        PixelIs(pixels, 3, 1, 0, 255, 255, 255, 255, "far from the key");
        PixelIs(pixels, 3, 2, 0, 0, 0, 0, 0, "the key itself");
    }

    [SkippableFact]
    public void Pixel_effect_invert()
    {
        var image = new byte[] { 200, 100, 50, 255, 100, 50, 0, 128, 0, 0, 0, 0 };
        var pixels = RunOnBackend([(3, 1, image)], (b, i) => b.ApplyPixelEffect(i[0], InvertEffect, 0f));
        PixelIs(pixels, 3, 0, 0, 55, 155, 205, 255, "opaque");
        PixelIs(pixels, 3, 1, 0, 28, 78, 128, 128, "alpha 128");
        PixelIs(pixels, 3, 2, 0, 0, 0, 0, 0, "transparent (alpha 0 stays 0)");
    }

    [SkippableFact]
    public void Pixel_effect_sees_position_and_time()
    {
        // Red = t, green = x/4, blue = y/2 (capped at 1), opaque: at t = 0.5, pixel (2, 1) is (127.5, 127.5, 127.5) → 128 each.
        var effect = new PixelEffect(
            cuda: "return make_float4(t, x / 4.0f, y / 2.0f, 1.0f);",
            cpu: (_, x, y, t) => new Float4(t, x / 4f, y / 2f, 1f),
            name: "position");
        var pixels = RunOnBackend([(5, 3, null)], (b, i) => b.ApplyPixelEffect(i[0], effect, 0.5f));
        PixelIs(pixels, 5, 2, 1, 128, 128, 128, 255, "(2, 1) at t = 0.5");
        PixelIs(pixels, 5, 0, 0, 128, 0, 0, 255, "(0, 0)");
        PixelIs(pixels, 5, 4, 2, 128, 255, 255, 255, "(4, 2): x/4 = 1, y/2 = 1");
    }

    [SkippableFact]
    public void Pixel_effect_without_cuda_runs_its_c_sharp_everywhere()
    {
        // A CPU-only effect runs on the CPU backend, and on CUDA on the host (download, function, upload).
        var effect = new PixelEffect(cpu: (px, _, _, _) => px with { X = 1f, W = 1f }, name: "red");
        var pixels = RunOnBackend([(4, 2, Solid(4, 2, 0, 50, 100, 255))], (b, i) => b.ApplyPixelEffect(i[0], effect, 0f));
        AllPixelsAre(pixels, 4, 2, 255, 50, 100, 255, "red channel forced to 1");
    }

    [SkippableFact]
    public void New_operations_reject_mismatched_images()
    {
        using var a = Backend.Allocate(4, 4);
        using var b = Backend.Allocate(5, 4);
        Assert.Throws<ArgumentException>(() => Backend.MirrorX(a, b));
        Assert.Throws<ArgumentException>(() => Backend.MirrorY(a, a));
        Assert.Throws<ArgumentException>(() => Backend.GaussianBlur(a, b, 1f));
        Assert.Throws<ArgumentException>(() => Backend.Rotate(a, a, 10f, Rgba.Black));
        Assert.Throws<ArgumentException>(() => Backend.Resize(a, a, ResizeFilter.Lanczos3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backend.Rotate(a, b, float.NaN, Rgba.Black));
        Assert.Throws<ArgumentOutOfRangeException>(() => Backend.GaussianBlur(a, a, float.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => Backend.AdjustColors(a, new ColorParams { BlackWhite = true, GrayWeights = (0f, 0f, 0f) }));
    }
}
