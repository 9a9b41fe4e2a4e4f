using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>Agreement with the CPU twins on random inputs. Sizes are odd and span several 16×16 blocks.</summary>
public abstract partial class BackendSuite
{
    private const int W = 37, H = 29;

    [SkippableFact]
    public void Fill_agrees_with_cpu()
    {
        foreach (var color in new[] { RandomColor(), RandomColor() with { A = 255 }, RandomColor() with { A = 0 }, RandomColor() with { A = 1 } })
            AgreesWithCpu($"Fill {color}", [(W, H, null)], (b, i) => b.Fill(i[0], color));
    }

    [SkippableTheory]
    [InlineData(5, 3, 1f, false)]
    [InlineData(-7, -4, 0.6f, false)]
    [InlineData(20, 15, 0.35f, true)]
    [InlineData(-10, 12, 1f, true)]
    [InlineData(0, 0, 0.999f, true)]
    public void Composite_agrees_with_cpu(int x, int y, float opacity, bool masked)
    {
        const int lw = 23, lh = 19;
        var canvas = RandomPremultiplied(W, H);
        var layer = RandomPremultiplied(lw, lh);
        var mask = RandomBytes(lw * lh * 4);
        AgreesWithCpu($"Composite at ({x}, {y}), opacity {opacity}, mask {masked}",
            [(W, H, canvas), (lw, lh, layer), (lw, lh, mask)],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(x, y, opacity, masked ? i[2] : null)));
    }

    [SkippableFact]
    public void Composite_layer_larger_than_canvas_agrees_with_cpu()
    {
        var canvas = RandomPremultiplied(W, H);
        var layer = RandomPremultiplied(W + 30, H + 20);
        AgreesWithCpu("Composite of a larger layer at (-13, -9)", [(W, H, canvas), (W + 30, H + 20, layer)],
            (b, i) => b.Composite(i[0], i[1], new CompositeParams(-13, -9, 0.8f)));
    }

    [SkippableFact]
    public void Fade_agrees_with_cpu()
    {
        foreach (var amount in new[] { 0f, 0.25f, 0.5f, 0.77f, 1f })
        {
            var color = RandomColor();
            var image = RandomPremultiplied(W, H);
            AgreesWithCpu($"Fade toward {color} by {amount}", [(W, H, image)], (b, i) => b.Fade(i[0], color, amount));
        }
    }

    [SkippableTheory]
    [InlineData(GradientKind.Linear, 0f)]
    [InlineData(GradientKind.Linear, 0.3f)]
    [InlineData(GradientKind.Bilinear, 0f)]
    [InlineData(GradientKind.Bilinear, 0.2f)]
    [InlineData(GradientKind.Radial, 0f)]
    [InlineData(GradientKind.Radial, 0.4f)]
    public void Gradient_agrees_with_cpu(GradientKind kind, float offset)
    {
        var p = new GradientParams(kind, 3.5f, 4f, 30f, 21.25f, 17.5f, RandomColor(), RandomColor(), offset);
        AgreesWithCpu($"Gradient {p}", [(W, H, null)], (b, i) => b.Gradient(i[0], p));
    }

    [SkippableFact]
    public void Gradient_degenerate_vector_and_radius_agrees_with_cpu()
    {
        var linear = new GradientParams(GradientKind.Linear, 5, 5, 5, 5, 0, RandomColor(), RandomColor());
        var radial = new GradientParams(GradientKind.Radial, 5, 5, 5, 5, 0, RandomColor(), RandomColor());
        AgreesWithCpu("Gradient with P1 = P2", [(W, H, null)], (b, i) => b.Gradient(i[0], linear));
        AgreesWithCpu("Radial gradient of radius 0", [(W, H, null)], (b, i) => b.Gradient(i[0], radial));
    }

    [SkippableFact]
    public void Premultiply_agrees_with_cpu()
    {
        var straight = RandomBytes(W * H * 4);
        AgreesWithCpu("Premultiply", [(W, H, straight)], (b, i) => b.Premultiply(i[0]));
    }

    [SkippableFact]
    public void Unpremultiply_agrees_with_cpu()
    {
        var premultiplied = RandomPremultiplied(W, H);
        premultiplied[3] = 0; // one transparent pixel: alpha 0 must not divide by zero
        premultiplied[0] = premultiplied[1] = premultiplied[2] = 0;
        AgreesWithCpu("Unpremultiply", [(W, H, premultiplied)], (b, i) => b.Unpremultiply(i[0]));
    }

    [SkippableTheory]
    [InlineData(37, 29, 64, 48)]
    [InlineData(37, 29, 13, 7)]
    [InlineData(37, 29, 80, 5)]
    [InlineData(1, 1, 17, 9)]
    [InlineData(37, 29, 37, 29)]
    public void Resize_agrees_with_cpu(int sw, int sh, int tw, int th)
    {
        var source = RandomPremultiplied(sw, sh);
        AgreesWithCpu($"Resize {sw}x{sh} -> {tw}x{th}", [(tw, th, null), (sw, sh, source)], (b, i) => b.Resize(i[1], i[0]));
    }

    [SkippableTheory]
    [InlineData(37, 29)]
    [InlineData(64, 36)]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    public void Convert_to_yuv_420_agrees_with_cpu(int width, int height)
    {
        var layout = new Yuv420Layout(width, height);
        var pixels = RandomPremultiplied(width, height);

        byte[] Convert(IComputeBackend backend, byte poison)
        {
            using var image = backend.Allocate(width, height);
            backend.Upload(pixels, image);
            var yuv = new byte[layout.TotalBytes];
            Array.Fill(yuv, poison);
            backend.ConvertToYuv420(image, yuv);
            return yuv;
        }

        using var reference = new Gpu.Cpu.CpuBackend();
        var expected = Convert(reference, PoisonReference);
        var actual = Convert(Backend, PoisonTested);
        PixelAssert.EqualBytes(expected, actual, 1, $"I420 of {width}x{height} on {Backend.Name} vs the CPU twin (Y is bytes 0..{layout.LumaBytes - 1}), seed {Seed}");
    }

    [SkippableFact]
    public void A_chain_of_operations_agrees_with_cpu()
    {
        var layer = RandomBytes(20 * 10 * 4);
        var color = RandomColor();
        var gradient = new GradientParams(GradientKind.Radial, 18, 14, 0, 0, 25, RandomColor(), RandomColor(), 0.1f);
        AgreesWithCpu("Gradient, then a premultiplied, resized layer over it, then a fade", [(W, H, null), (20, 10, layer), (31, 17, null)], (b, i) =>
        {
            b.Gradient(i[0], gradient);
            b.Premultiply(i[1]);
            b.Resize(i[1], i[2]);
            b.Composite(i[0], i[2], new CompositeParams(9, -3, 0.7f));
            b.Fade(i[0], color, 0.3f);
        });
    }

    [SkippableFact]
    public void Images_from_the_pool_are_reused_and_independent()
    {
        var first = Backend.Allocate(8, 8);
        first.Dispose();
        using var second = Backend.Allocate(8, 8);
        using var third = Backend.Allocate(8, 8);
        Backend.Fill(second, new Rgba(10, 20, 30));
        Backend.Fill(third, new Rgba(40, 50, 60));
        AllPixelsAre(Read(Backend, second), 8, 8, 10, 20, 30, 255, "the first pooled image");
        AllPixelsAre(Read(Backend, third), 8, 8, 40, 50, 60, 255, "the second pooled image");
    }

    [SkippableFact]
    public void Image_of_another_backend_is_rejected()
    {
        using var other = new Gpu.Cpu.CpuBackend();
        using var foreign = other.Allocate(4, 4);
        Assert.Throws<ArgumentException>(() => Backend.Fill(foreign, Rgba.White));
    }

    [SkippableFact]
    public void Upload_of_the_wrong_size_is_rejected()
    {
        using var image = Backend.Allocate(4, 4);
        Assert.Throws<ArgumentException>(() => Backend.Upload(new byte[10], image));
    }
}
