using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// Hand-computed pixel values for the compositor's semantics (premultiplied RGBA8, float math, round half up). Exact:
/// a ±1 tolerance would hide the difference between rounding and truncating.
/// </summary>
public abstract partial class BackendSuite
{
    [SkippableFact]
    public void Fill_with_alpha_stores_premultiplied()
    {
        // s = 128/255 = 0.50196: R 255·s = 128, G 128·s = 64.25 → 64, B 0, A 128.
        var pixels = RunOnBackend([(5, 3, null)], (b, i) => b.Fill(i[0], new Rgba(255, 128, 0, 128)));
        AllPixelsAre(pixels, 5, 3, 128, 64, 0, 128, "fill #ff800080");
    }

    [SkippableFact]
    public void Fill_transparent_is_all_zero()
    {
        var pixels = RunOnBackend([(4, 4, null)], (b, i) => b.Fill(i[0], new Rgba(200, 100, 50, 0)));
        AllPixelsAre(pixels, 4, 4, 0, 0, 0, 0, "fill with alpha 0");
    }

    [SkippableFact]
    public void Over_half_transparent_red_over_opaque_blue()
    {
        // Layer red at alpha 128 (premultiplied 128, 0, 0, 128); keep = 1 − 128/255: B 255·keep = 127, A 128 + 127 = 255.
        var pixels = RunOnBackend([(3, 3, Solid(3, 3, 0, 0, 255, 255)), (3, 3, Solid(3, 3, 128, 0, 0, 128))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0)));
        AllPixelsAre(pixels, 3, 3, 128, 0, 127, 255, "50% red over blue");
    }

    [SkippableFact]
    public void Over_opaque_layer_replaces_and_transparent_layer_keeps()
    {
        var opaque = RunOnBackend([(2, 2, Solid(2, 2, 9, 8, 7, 255)), (2, 2, Solid(2, 2, 1, 2, 3, 255))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0)));
        AllPixelsAre(opaque, 2, 2, 1, 2, 3, 255, "an opaque layer");
        var clear = RunOnBackend([(2, 2, Solid(2, 2, 9, 8, 7, 200)), (2, 2, Solid(2, 2, 0, 0, 0, 0))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0)));
        AllPixelsAre(clear, 2, 2, 9, 8, 7, 200, "a transparent layer");
    }

    [SkippableFact]
    public void Opacity_half_white_over_black()
    {
        // m = 0.5: R 255·0.5 + 0 = 127.5 → 128; A 127.5 + 255·0.5 = 255.
        var pixels = RunOnBackend([(4, 2, Solid(4, 2, 0, 0, 0, 255)), (4, 2, Solid(4, 2, 255, 255, 255, 255))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0, 0.5f)));
        AllPixelsAre(pixels, 4, 2, 128, 128, 128, 255, "white at opacity 0.5 over black");
    }

    [SkippableFact]
    public void Opacity_zero_changes_nothing()
    {
        var canvas = Solid(3, 3, 10, 20, 30, 40);
        var pixels = RunOnBackend([(3, 3, canvas), (3, 3, Solid(3, 3, 255, 255, 255, 255))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0, 0f)));
        AllPixelsAre(pixels, 3, 3, 10, 20, 30, 40, "opacity 0");
    }

    [SkippableFact]
    public void Mask_luminance_scales_the_layer()
    {
        // Mask pixels left to right: white (m 1), black (m 0), gray 128 (m 128/255 → 128), green (m 0.587 → 149.685 → 150).
        var mask = new byte[]
        {
            255, 255, 255, 255, 0, 0, 0, 255, 128, 128, 128, 255, 0, 255, 0, 255,
        };
        var pixels = RunOnBackend([(4, 1, Solid(4, 1, 0, 0, 0, 255)), (4, 1, Solid(4, 1, 255, 255, 255, 255)), (4, 1, mask)],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0, 1f, i[2])));
        PixelIs(pixels, 4, 0, 0, 255, 255, 255, 255, "under a white mask");
        PixelIs(pixels, 4, 1, 0, 0, 0, 0, 255, "under a black mask");
        PixelIs(pixels, 4, 2, 0, 128, 128, 128, 255, "under a gray mask");
        PixelIs(pixels, 4, 3, 0, 150, 150, 150, 255, "under a green mask (luminance 0.587)");
    }

    [SkippableFact]
    public void Mask_and_opacity_multiply()
    {
        // Gray-128 mask × opacity 0.5: m = 0.5·(128/255) = 0.25098; R 255·m = 64.0 → 64.
        var pixels = RunOnBackend([(2, 2, Solid(2, 2, 0, 0, 0, 255)), (2, 2, Solid(2, 2, 255, 255, 255, 255)), (2, 2, Solid(2, 2, 128, 128, 128, 255))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(0, 0, 0.5f, i[2])));
        AllPixelsAre(pixels, 2, 2, 64, 64, 64, 255, "gray mask at opacity 0.5");
    }

    /// <summary>A 4×4 opaque layer whose pixel (x, y) is (10·x + 1, 10·y + 1, 200, 255): each position is recognizable.</summary>
    private static byte[] Numbered(int width, int height)
    {
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 4;
                (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = ((byte)(10 * x + 1), (byte)(10 * y + 1), 200, 255);
            }
        return pixels;
    }

    [SkippableFact]
    public void Clipping_negative_position_shows_the_layers_bottom_right()
    {
        var pixels = RunOnBackend([(6, 6, Solid(6, 6, 0, 0, 0, 255)), (4, 4, Numbered(4, 4))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(-2, -3)));
        PixelIs(pixels, 6, 0, 0, 21, 31, 200, 255, "canvas (0,0) ← layer (2,3)");
        PixelIs(pixels, 6, 1, 0, 31, 31, 200, 255, "canvas (1,0) ← layer (3,3)");
        PixelIs(pixels, 6, 2, 0, 0, 0, 0, 255, "canvas (2,0), right of the layer");
        PixelIs(pixels, 6, 0, 1, 0, 0, 0, 255, "canvas (0,1), below the layer");
    }

    [SkippableFact]
    public void Clipping_partly_off_the_bottom_right()
    {
        var pixels = RunOnBackend([(6, 6, Solid(6, 6, 0, 0, 0, 255)), (4, 4, Numbered(4, 4))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(4, 5)));
        PixelIs(pixels, 6, 4, 5, 1, 1, 200, 255, "canvas (4,5) ← layer (0,0)");
        PixelIs(pixels, 6, 5, 5, 11, 1, 200, 255, "canvas (5,5) ← layer (1,0)");
        PixelIs(pixels, 6, 3, 5, 0, 0, 0, 255, "canvas (3,5), left of the layer");
        PixelIs(pixels, 6, 5, 4, 0, 0, 0, 255, "canvas (5,4), above the layer");
    }

    [SkippableTheory]
    [InlineData(6, 0)]
    [InlineData(0, 6)]
    [InlineData(-4, 0)]
    [InlineData(0, -4)]
    [InlineData(-100, 100)]
    [InlineData(int.MaxValue - 2, 0)]
    [InlineData(int.MinValue + 1, int.MinValue + 1)]
    public void Clipping_wholly_outside_changes_nothing(int x, int y)
    {
        var pixels = RunOnBackend([(6, 6, Solid(6, 6, 7, 6, 5, 255)), (4, 4, Numbered(4, 4))],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(x, y)));
        AllPixelsAre(pixels, 6, 6, 7, 6, 5, 255, $"a layer at ({x}, {y})");
    }

    [SkippableFact]
    public void Fade_halfway_to_black_halves_the_color()
    {
        // (200, 100, 50)·0.5 → (100, 50, 25); alpha kept.
        var pixels = RunOnBackend([(3, 2, Solid(3, 2, 200, 100, 50, 255))], (b, i) => b.Fade(i[0], Rgba.Black, 0.5f));
        AllPixelsAre(pixels, 3, 2, 100, 50, 25, 255, "fade halfway to black");
    }

    [SkippableFact]
    public void Fade_all_the_way_to_white_of_a_half_transparent_pixel()
    {
        // The color becomes white premultiplied by the pixel's own alpha: (128, 128, 128, 128).
        var pixels = RunOnBackend([(2, 2, Solid(2, 2, 100, 50, 0, 128))], (b, i) => b.Fade(i[0], Rgba.White, 1f));
        AllPixelsAre(pixels, 2, 2, 128, 128, 128, 128, "fade all the way to white");
    }

    [SkippableFact]
    public void Fade_zero_changes_nothing()
    {
        var pixels = RunOnBackend([(2, 2, Solid(2, 2, 100, 50, 3, 128))], (b, i) => b.Fade(i[0], Rgba.White, 0f));
        AllPixelsAre(pixels, 2, 2, 100, 50, 3, 128, "fade by 0");
    }

    [SkippableFact]
    public void Premultiply_then_unpremultiply_round_trips()
    {
        // Straight (255, 0, 128, 128) → premultiplied (128, 0, 64, 128) → straight (255, 0, 128, 128)  [64·255/128 = 127.5 → 128];
        // opaque pixels are unchanged; alpha 0 premultiplies to (0, 0, 0, 0) and stays there.
        var straight = new byte[] { 255, 0, 128, 128, 200, 100, 50, 255, 90, 80, 70, 0 };
        byte[]? premultiplied = null;
        var roundTrip = RunOnBackend([(3, 1, straight)], (b, i) =>
        {
            b.Premultiply(i[0]);
            premultiplied = Read(b, i[0]);
            b.Unpremultiply(i[0]);
        });
        PixelIs(premultiplied!, 3, 0, 0, 128, 0, 64, 128, "premultiplied, alpha 128");
        PixelIs(premultiplied!, 3, 1, 0, 200, 100, 50, 255, "premultiplied, opaque");
        PixelIs(premultiplied!, 3, 2, 0, 0, 0, 0, 0, "premultiplied, alpha 0");
        PixelIs(roundTrip, 3, 0, 0, 255, 0, 128, 128, "round trip, alpha 128");
        PixelIs(roundTrip, 3, 1, 0, 200, 100, 50, 255, "round trip, opaque");
        PixelIs(roundTrip, 3, 2, 0, 0, 0, 0, 0, "round trip, alpha 0");
    }

    [SkippableFact]
    public void Linear_gradient_endpoints_and_middle()
    {
        // P1 and P2 at the centers of the first and last pixels: t = 0, 0.5, 1 exactly. Red → blue, middle 127.5 → 128.
        var p = new GradientParams(GradientKind.Linear, 0.5f, 0.5f, 10.5f, 0.5f, 0, new Rgba(255, 0, 0), new Rgba(0, 0, 255));
        var pixels = RunOnBackend([(11, 2, null)], (b, i) => b.Gradient(i[0], p));
        PixelIs(pixels, 11, 0, 0, 255, 0, 0, 255, "at P1");
        PixelIs(pixels, 11, 10, 1, 0, 0, 255, 255, "at P2");
        PixelIs(pixels, 11, 5, 0, 128, 0, 128, 255, "halfway");
    }

    [SkippableFact]
    public void Linear_gradient_with_offset_holds_the_first_color()
    {
        // Offset 0.5 holds color 1 until halfway, then t = (along − 0.5)/0.5: pixel 5 t = 0, pixel 10 t = 1.
        var p = new GradientParams(GradientKind.Linear, 0.5f, 0.5f, 10.5f, 0.5f, 0, Rgba.Black, Rgba.White, 0.5f);
        var pixels = RunOnBackend([(11, 1, null)], (b, i) => b.Gradient(i[0], p));
        PixelIs(pixels, 11, 2, 0, 0, 0, 0, 255, "before the offset");
        PixelIs(pixels, 11, 5, 0, 0, 0, 0, 255, "at the offset");
        PixelIs(pixels, 11, 10, 0, 255, 255, 255, 255, "at P2");
    }

    [SkippableFact]
    public void Linear_gradient_of_alpha_is_premultiplied()
    {
        // White at alpha 0 → white at alpha 255; halfway alpha 127.5 → 128 and color 255·(127.5/255) = 127.5 → 128.
        var p = new GradientParams(GradientKind.Linear, 0.5f, 0.5f, 10.5f, 0.5f, 0, new Rgba(255, 255, 255, 0), Rgba.White);
        var pixels = RunOnBackend([(11, 1, null)], (b, i) => b.Gradient(i[0], p));
        PixelIs(pixels, 11, 0, 0, 0, 0, 0, 0, "transparent end");
        PixelIs(pixels, 11, 5, 0, 128, 128, 128, 128, "halfway");
        PixelIs(pixels, 11, 10, 0, 255, 255, 255, 255, "opaque end");
    }

    [SkippableFact]
    public void Bilinear_gradient_is_symmetric_about_p_1()
    {
        var p = new GradientParams(GradientKind.Bilinear, 5.5f, 0.5f, 10.5f, 0.5f, 0, Rgba.Black, Rgba.White);
        var pixels = RunOnBackend([(11, 1, null)], (b, i) => b.Gradient(i[0], p));
        PixelIs(pixels, 11, 5, 0, 0, 0, 0, 255, "at P1");
        PixelIs(pixels, 11, 0, 0, 255, 255, 255, 255, "at P1 − (P2 − P1)");
        PixelIs(pixels, 11, 10, 0, 255, 255, 255, 255, "at P2");
        for (var d = 1; d <= 5; d++)
            Assert.Equal(pixels[(5 - d) * 4], pixels[(5 + d) * 4]);
    }

    [SkippableFact]
    public void Radial_gradient_center_and_outside()
    {
        var p = new GradientParams(GradientKind.Radial, 4.5f, 4.5f, 0, 0, 3f, new Rgba(10, 20, 30), new Rgba(200, 150, 100));
        var pixels = RunOnBackend([(9, 9, null)], (b, i) => b.Gradient(i[0], p));
        PixelIs(pixels, 9, 4, 4, 10, 20, 30, 255, "at the center");
        PixelIs(pixels, 9, 0, 0, 200, 150, 100, 255, "a corner, beyond the radius");
        PixelIs(pixels, 9, 8, 4, 200, 150, 100, 255, "at distance 4 > radius 3");
    }

    [SkippableTheory]
    [InlineData(255, 255, 255, 255, 235, 128, 128)]
    [InlineData(0, 0, 0, 255, 16, 128, 128)]
    [InlineData(0, 0, 0, 0, 16, 128, 128)]
    [InlineData(255, 0, 0, 255, 63, 102, 240)]
    [InlineData(0, 255, 0, 255, 173, 42, 26)]
    [InlineData(0, 0, 255, 255, 32, 240, 118)]
    public void Yuv_420_of_known_colors(byte r, byte g, byte b, byte a, byte y, byte u, byte v)
    {
        // BT.709 limited range: Y = 16 + (0.2126 R + 0.7152 G + 0.0722 B)·219/255, U and V around 128 with 224/255.
        const int width = 5, height = 3;
        var layout = new Yuv420Layout(width, height);
        using var image = Backend.Allocate(width, height);
        Backend.Upload(Solid(width, height, r, g, b, a), image);
        var yuv = new byte[layout.TotalBytes];
        Array.Fill(yuv, PoisonTested);
        Backend.ConvertToYuv420(image, yuv);
        var expected = new byte[layout.TotalBytes];
        expected.AsSpan(0, layout.LumaBytes).Fill(y);
        expected.AsSpan(layout.LumaBytes, layout.ChromaBytes).Fill(u);
        expected.AsSpan(layout.LumaBytes + layout.ChromaBytes).Fill(v);
        PixelAssert.EqualBytes(expected, yuv, 0, $"I420 of ({r}, {g}, {b}, {a}) (Y 0..14, U 15..20, V 21..26)");
    }

    [SkippableTheory]
    [InlineData(7, 5, 13, 3)]
    [InlineData(1, 1, 4, 4)]
    [InlineData(30, 20, 3, 2)]
    public void Resize_of_a_constant_image_is_constant(int sw, int sh, int tw, int th)
    {
        var pixels = RunOnBackend([(tw, th, null), (sw, sh, Solid(sw, sh, 10, 20, 30, 40))], (b, i) => b.Resize(i[1], i[0]));
        AllPixelsAre(pixels, tw, th, 10, 20, 30, 40, $"resize of a constant {sw}x{sh} to {tw}x{th}");
    }

    [SkippableFact]
    public void Resize_doubling_interpolates_between_pixels()
    {
        // Two pixels 0 and 200 → four: centers map to −0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1): 0, 50, 150, 200.
        var source = new byte[] { 0, 0, 0, 255, 200, 200, 200, 255 };
        var pixels = RunOnBackend([(4, 1, null), (2, 1, source)], (b, i) => b.Resize(i[1], i[0]));
        PixelIs(pixels, 4, 0, 0, 0, 0, 0, 255, "left edge");
        PixelIs(pixels, 4, 1, 0, 50, 50, 50, 255, "a quarter of the way");
        PixelIs(pixels, 4, 2, 0, 150, 150, 150, 255, "three quarters of the way");
        PixelIs(pixels, 4, 3, 0, 200, 200, 200, 255, "right edge");
    }
}
