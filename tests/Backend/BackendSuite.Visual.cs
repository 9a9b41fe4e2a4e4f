using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>Agreement with the CPU twins for the visual vocabulary: mirrors, rotation, filtered resizes, blend modes, colors, blur, chroma key, pixel effects.</summary>
public abstract partial class BackendSuite
{
    /// <summary>A pixel effect with a CUDA body and its C# twin (the same float math), using color, position and time.</summary>
    protected static readonly PixelEffect SwizzleEffect = new(
        cuda: """
            // swap red and blue, shift green by time, dim every third column
            const float g = px.x * 0.5f + t * 0.1f;
            return make_float4(px.z, g, 1.0f - px.y, px.w * (x % 3 == 0 ? 0.5f : 1.0f) + (y == 0 ? 0.25f : 0.0f));
            """,
        cpu: (px, x, y, t) => new Float4(px.Z, px.X * 0.5f + t * 0.1f, 1f - px.Y, px.W * (x % 3 == 0 ? 0.5f : 1f) + (y == 0 ? 0.25f : 0f)),
        name: "swizzle");

    /// <summary>Invert, written as a CUDA body that changes px in place.</summary>
    protected static readonly PixelEffect InvertEffect = new(
        cuda: "px.x = 1.0f - px.x;\npx.y = 1.0f - px.y;\npx.z = 1.0f - px.z;\n",
        cpu: (px, _, _, _) => new Float4(1f - px.X, 1f - px.Y, 1f - px.Z, px.W),
        name: "invert");

    [SkippableFact]
    public void Mirror_agrees_with_cpu()
    {
        var source = RandomPremultiplied(W, H);
        AgreesWithCpu("MirrorX", [(W, H, null), (W, H, source)], (b, i) => b.MirrorX(i[1], i[0]));
        AgreesWithCpu("MirrorY", [(W, H, null), (W, H, source)], (b, i) => b.MirrorY(i[1], i[0]));
        AgreesWithCpu("MirrorX of a 1x1", [(1, 1, null), (1, 1, RandomPremultiplied(1, 1))], (b, i) => b.MirrorX(i[1], i[0]));
    }

    [SkippableTheory]
    [InlineData(0f, 37, 29)]
    [InlineData(90f, 29, 37)]
    [InlineData(-90f, 29, 37)]
    [InlineData(180f, 37, 29)]
    [InlineData(270f, 29, 37)]
    [InlineData(450f, 29, 37)]
    [InlineData(30f, 47, 44)]
    [InlineData(45.5f, 48, 47)]
    [InlineData(-17f, 40, 30)]
    [InlineData(123f, 20, 50)]
    public void Rotate_agrees_with_cpu(float degrees, int tw, int th)
    {
        var source = RandomPremultiplied(W, H);
        var background = RandomColor();
        AgreesWithCpu($"Rotate by {degrees} into {tw}x{th} over {background}", [(tw, th, null), (W, H, source)], (b, i) => b.Rotate(i[1], i[0], degrees, background));
    }

    [SkippableTheory]
    [InlineData(ResizeFilter.Bicubic, 37, 29, 64, 48)]
    [InlineData(ResizeFilter.Bicubic, 37, 29, 13, 7)]
    [InlineData(ResizeFilter.Bicubic, 37, 29, 80, 5)]
    [InlineData(ResizeFilter.Bicubic, 37, 29, 37, 50)]
    [InlineData(ResizeFilter.Bicubic, 1, 1, 17, 9)]
    [InlineData(ResizeFilter.Lanczos3, 37, 29, 64, 48)]
    [InlineData(ResizeFilter.Lanczos3, 37, 29, 13, 7)]
    [InlineData(ResizeFilter.Lanczos3, 37, 29, 5, 29)]
    [InlineData(ResizeFilter.Lanczos3, 37, 29, 37, 29)]
    [InlineData(ResizeFilter.Lanczos3, 2, 3, 40, 1)]
    [InlineData(ResizeFilter.Bilinear, 37, 29, 20, 40)]
    public void Resize_with_filter_agrees_with_cpu(ResizeFilter filter, int sw, int sh, int tw, int th)
    {
        var source = RandomPremultiplied(sw, sh);
        AgreesWithCpu($"Resize ({filter}) {sw}x{sh} -> {tw}x{th}", [(tw, th, null), (sw, sh, source)], (b, i) => b.Resize(i[1], i[0], filter));
    }

    public static TheoryData<BlendMode, int, int, float, bool> BlendCases()
    {
        var data = new TheoryData<BlendMode, int, int, float, bool>();
        foreach (var mode in Enum.GetValues<BlendMode>())
        {
            data.Add(mode, 5, 3, 1f, false);
            data.Add(mode, -7, 12, 0.6f, true);
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(BlendCases))]
    public void Composite_with_blend_mode_agrees_with_cpu(BlendMode mode, int x, int y, float opacity, bool masked)
    {
        const int lw = 23, lh = 19;
        var canvas = RandomPremultiplied(W, H);
        canvas[3] = canvas[0] = canvas[1] = canvas[2] = 0; // a transparent canvas pixel: Cb must not divide by zero
        var layer = RandomPremultiplied(lw, lh);
        var mask = RandomBytes(lw * lh * 4);
        AgreesWithCpu($"Composite ({mode}) at ({x}, {y}), opacity {opacity}, mask {masked}",
            [(W, H, canvas), (lw, lh, layer), (lw, lh, mask)],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(x, y, opacity, masked ? i[2] : null, mode)));
    }

    public static TheoryData<string> ColorCases() => ["identity", "all", "brightness", "contrast", "gamma", "saturation", "colorx", "blackwhite", "invert"];

    private static ColorParams ColorCase(string name) => name switch
    {
        "identity" => new ColorParams(),
        "all" => new ColorParams
        {
            Brightness = 0.05f, Contrast = 1.3f, Gamma = 0.8f, Saturation = 1.4f, MultiplyR = 1.1f, MultiplyG = 0.9f, MultiplyB = 1.2f,
            BlackWhite = false, Invert = true,
        },
        "brightness" => new ColorParams { Brightness = -0.2f },
        "contrast" => new ColorParams { Contrast = 0.6f },
        "gamma" => new ColorParams { Gamma = 2.2f },
        "saturation" => new ColorParams { Saturation = 0f },
        "colorx" => new ColorParams { MultiplyR = 0.5f, MultiplyG = 1.5f, MultiplyB = 2f },
        "blackwhite" => new ColorParams { BlackWhite = true, GrayWeights = (1f, 1f, 1f) },
        "invert" => new ColorParams { Invert = true },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [SkippableTheory]
    [MemberData(nameof(ColorCases))]
    public void Adjust_colors_agrees_with_cpu(string adjustment)
    {
        var p = ColorCase(adjustment);
        var image = RandomPremultiplied(W, H);
        image[3] = image[0] = image[1] = image[2] = 0;
        AgreesWithCpu($"AdjustColors ({adjustment}) {p}", [(W, H, image)], (b, i) => b.AdjustColors(i[0], p));
    }

    [SkippableTheory]
    [InlineData(0f)]
    [InlineData(0.5f)]
    [InlineData(1f)]
    [InlineData(2.3f)]
    [InlineData(7f)]
    public void Gaussian_blur_agrees_with_cpu(float sigma)
    {
        var source = RandomPremultiplied(W, H);
        AgreesWithCpu($"GaussianBlur sigma {sigma}", [(W, H, null), (W, H, source)], (b, i) => b.GaussianBlur(i[1], i[0], sigma));
        AgreesWithCpu($"GaussianBlur sigma {sigma} in place", [(W, H, source)], (b, i) => b.GaussianBlur(i[0], i[0], sigma));
    }

    [SkippableTheory]
    [InlineData(ChromaKeyDistance.CbCr, 40f, 30f)]
    [InlineData(ChromaKeyDistance.CbCr, 60f, 0f)]
    [InlineData(ChromaKeyDistance.Rgb, 150f, 80f)]
    [InlineData(ChromaKeyDistance.Rgb, 200f, 0f)]
    public void Chroma_key_agrees_with_cpu(ChromaKeyDistance distance, float threshold, float softness)
    {
        var image = RandomPremultiplied(W, H);
        image[3] = image[0] = image[1] = image[2] = 0;
        var p = new ChromaKeyParams(RandomColor(), threshold, softness, distance);
        AgreesWithCpu($"ChromaKey {p}", [(W, H, image)], (b, i) => b.ChromaKey(i[0], p));
    }

    [SkippableFact]
    public void Pixel_effect_agrees_with_cpu()
    {
        var image = RandomPremultiplied(W, H);
        image[3] = image[0] = image[1] = image[2] = 0;
        AgreesWithCpu("PixelEffect swizzle at t = 1.25", [(W, H, image)], (b, i) => b.ApplyPixelEffect(i[0], SwizzleEffect, 1.25f));
        AgreesWithCpu("PixelEffect invert", [(W, H, image)], (b, i) => b.ApplyPixelEffect(i[0], InvertEffect, 0f));
    }

    [SkippableFact]
    public void A_chain_of_visual_operations_agrees_with_cpu()
    {
        var layer = RandomPremultiplied(20, 10);
        AgreesWithCpu("Lanczos resize, rotate, mirror, blend, colors, blur, key", [(W, H, RandomPremultiplied(W, H)), (20, 10, layer), (31, 17, null), (25, 30, null), (25, 30, null)], (b, i) =>
        {
            b.Resize(i[1], i[2], ResizeFilter.Lanczos3);
            b.Rotate(i[2], i[3], 33f, new Rgba(10, 200, 30, 100));
            b.MirrorX(i[3], i[4]);
            b.Composite(i[0], i[4], new CompositeParams(4, -3, 0.9f, null, BlendMode.Screen));
            b.AdjustColors(i[0], new ColorParams { Saturation = 1.3f, Gamma = 0.9f });
            b.GaussianBlur(i[0], i[0], 1.5f);
            b.ChromaKey(i[0], new ChromaKeyParams(new Rgba(0, 255, 0), 30f, 20f));
        });
    }
}
