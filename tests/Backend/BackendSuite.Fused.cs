using System.Globalization;
using System.Text;
using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// The fused composite (<see cref="IComputeBackend.CompositeLayers"/> and its I420 variant): random plans against the unfused
/// sequence (Fill, then per layer Fade of a copy and Composite) on the same backend, which the fused path must reproduce
/// byte for byte; against the CPU twin within ±1; and hand-computed pixels.
/// </summary>
public abstract partial class BackendSuite
{
    /// <summary>How many random plans the property tests run (the CPU shim builds a harness per plan shape, so it runs fewer).</summary>
    protected virtual int FusedPlanCount => 60;

    /// <summary>The most layers a random plan has.</summary>
    protected virtual int FusedMaxLayers => 16;

    private sealed record FusedImage(int Width, int Height, byte[] Pixels, byte[] Mask);

    private sealed record FusedLayerSpec(int Image, int X, int Y, float Opacity, bool Masked, BlendMode Mode, Rgba FadeColor, float FadeAmount);

    private sealed record FusedPlan(int Number, int Width, int Height, Rgba Background, FusedImage[] Images, FusedLayerSpec[] Layers)
    {
        public override string ToString()
        {
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"plan {Number}: canvas {Width}x{Height}, background {Background}, {Layers.Length} layers"));
            for (var i = 0; i < Layers.Length; i++)
            {
                var l = Layers[i];
                var image = Images[l.Image];
                text.Append(CultureInfo.InvariantCulture,
                    $"\n  [{i}] image {l.Image} {image.Width}x{image.Height} at ({l.X}, {l.Y}), opacity {l.Opacity:R}, mask {l.Masked}, {l.Mode}, fade {l.FadeAmount:R} toward {l.FadeColor}");
            }
            return text.ToString();
        }
    }

    private FusedPlan RandomPlan(int number, bool large)
    {
        var width = large ? _random.Next(200, 340) : _random.Next(1, 68);
        var height = large ? _random.Next(150, 230) : _random.Next(1, 48);
        var count = number == 0 ? 0 : _random.Next(0, FusedMaxLayers + 1);
        var images = new List<FusedImage>();
        var layers = new FusedLayerSpec[count];
        for (var i = 0; i < count; i++)
        {
            int image;
            if (images.Count > 0 && _random.Next(5) == 0)
            {
                image = _random.Next(images.Count); // the same image twice in one plan
            }
            else
            {
                var w = _random.Next(1, width + 21);
                var h = _random.Next(1, height + 21);
                images.Add(new FusedImage(w, h, RandomPremultipliedWithClear(w, h), RandomMask(w, h)));
                image = images.Count - 1;
            }
            var (iw, ih) = (images[image].Width, images[image].Height);
            var x = _random.Next(-iw - 3, width + 4);
            var y = _random.Next(-ih - 3, height + 4);
            float[] opacities = [1f, 1f, 0f, 0.5f, 1.7f, -0.2f, (float)_random.NextDouble(), (float)_random.NextDouble()];
            var opacity = opacities[_random.Next(opacities.Length)];
            float[] fades = [0f, 0f, 0f, 1f, 1.4f, (float)_random.NextDouble(), (float)_random.NextDouble()];
            var fade = fades[_random.Next(fades.Length)];
            var mode = _random.Next(10) < 6 ? BlendMode.Normal : (BlendMode)_random.Next(1, 7);
            layers[i] = new FusedLayerSpec(image, x, y, opacity, _random.Next(5) < 2, mode, RandomColor(), fade);
        }
        return new FusedPlan(number, width, height, RandomColor(), [.. images], layers);
    }

    /// <summary><see cref="RandomPremultiplied"/> with some fully transparent pixels (alpha 0 is a divisor in the blend modes).</summary>
    private byte[] RandomPremultipliedWithClear(int width, int height)
    {
        var pixels = RandomPremultiplied(width, height);
        for (var i = 0; i < pixels.Length; i += 4)
            if (_random.Next(10) == 0)
                pixels[i] = pixels[i + 1] = pixels[i + 2] = pixels[i + 3] = 0;
        return pixels;
    }

    /// <summary>Mask bytes in [0, 255], with some pure white and pure black pixels.</summary>
    private byte[] RandomMask(int width, int height)
    {
        var mask = new byte[width * height * 4];
        _random.NextBytes(mask);
        for (var i = 0; i < mask.Length; i += 4)
        {
            var pick = _random.Next(6);
            if (pick < 2)
                mask[i] = mask[i + 1] = mask[i + 2] = pick == 0 ? (byte)0 : (byte)255;
        }
        return mask;
    }

    /// <summary>The plan's images and masks on <paramref name="backend"/> (disposed by the caller).</summary>
    private static (DeviceImage[] Images, DeviceImage[] Masks) UploadPlan(IComputeBackend backend, FusedPlan plan) =>
        (plan.Images.Select(i => Load(backend, i.Width, i.Height, i.Pixels)).ToArray(),
         plan.Images.Select(i => Load(backend, i.Width, i.Height, i.Mask)).ToArray());

    private static LayerDraw[] Draws(FusedPlan plan, DeviceImage[] images, DeviceImage[] masks) =>
        plan.Layers.Select(l => new LayerDraw(images[l.Image], l.X, l.Y, l.Opacity, l.Masked ? masks[l.Image] : null, l.Mode, l.FadeColor, l.FadeAmount)).ToArray();

    /// <summary>The unfused sequence: Fill, then per layer a copy, Fade and Composite, exactly as the renderer did it.</summary>
    private static byte[] Unfused(IComputeBackend backend, FusedPlan plan, byte poison)
    {
        var (images, masks) = UploadPlan(backend, plan);
        using var canvas = Load(backend, plan.Width, plan.Height, Poison(plan.Width, plan.Height, poison));
        try
        {
            backend.Fill(canvas, plan.Background);
            foreach (var l in plan.Layers)
            {
                var source = plan.Images[l.Image];
                using var copy = Load(backend, source.Width, source.Height, source.Pixels);
                backend.Fade(copy, l.FadeColor, l.FadeAmount);
                backend.Composite(canvas, copy, new CompositeParams(l.X, l.Y, l.Opacity, l.Masked ? masks[l.Image] : null, l.Mode));
            }
            return Read(backend, canvas);
        }
        finally
        {
            foreach (var image in images.Concat(masks))
                image.Dispose();
        }
    }

    private static byte[] Fused(IComputeBackend backend, FusedPlan plan, byte poison)
    {
        var (images, masks) = UploadPlan(backend, plan);
        using var canvas = Load(backend, plan.Width, plan.Height, Poison(plan.Width, plan.Height, poison));
        try
        {
            backend.CompositeLayers(canvas, plan.Background, Draws(plan, images, masks));
            return Read(backend, canvas);
        }
        finally
        {
            foreach (var image in images.Concat(masks))
                image.Dispose();
        }
    }

    private static byte[] FusedYuv(IComputeBackend backend, FusedPlan plan, byte poison)
    {
        var (images, masks) = UploadPlan(backend, plan);
        try
        {
            var yuv = new byte[new Yuv420Layout(plan.Width, plan.Height).TotalBytes];
            Array.Fill(yuv, poison);
            backend.CompositeLayersToI420(plan.Width, plan.Height, plan.Background, Draws(plan, images, masks), yuv);
            return yuv;
        }
        finally
        {
            foreach (var image in images.Concat(masks))
                image.Dispose();
        }
    }

    private static byte[] ToYuv(IComputeBackend backend, byte[] rgba, int width, int height)
    {
        using var image = Load(backend, width, height, rgba);
        var yuv = new byte[new Yuv420Layout(width, height).TotalBytes];
        backend.ConvertToYuv420(image, yuv);
        return yuv;
    }

    private IEnumerable<FusedPlan> RandomPlans()
    {
        for (var i = 0; i < FusedPlanCount; i++)
            yield return RandomPlan(i, large: FusedPlanCount >= 10 && i % 10 == 9);
    }

    [SkippableFact]
    public void Composite_layers_is_the_unfused_sequence_on_random_plans()
    {
        foreach (var plan in RandomPlans())
        {
            var unfused = Unfused(Backend, plan, PoisonReference);
            var fused = Fused(Backend, plan, PoisonTested);
            PixelAssert.Equal(unfused, fused, plan.Width, plan.Height, 0,
                $"CompositeLayers vs Fill + Fade + Composite on {Backend.Name}, seed {Seed} (SC_TEST_SEED={Seed} replays it), {plan}\n");
        }
    }

    [SkippableFact]
    public void Composite_layers_to_i_420_is_composite_layers_then_convert_on_random_plans()
    {
        foreach (var plan in RandomPlans())
        {
            var rgba = Fused(Backend, plan, PoisonReference);
            var expected = ToYuv(Backend, rgba, plan.Width, plan.Height);
            var actual = FusedYuv(Backend, plan, PoisonTested);
            var layout = new Yuv420Layout(plan.Width, plan.Height);
            PixelAssert.EqualBytes(expected, actual, 0,
                $"CompositeLayersToI420 vs CompositeLayers + ConvertToYuv420 on {Backend.Name} (Y is bytes 0..{layout.LumaBytes - 1}, U from {layout.LumaBytes}, V from {layout.LumaBytes + layout.ChromaBytes}), seed {Seed} (SC_TEST_SEED={Seed} replays it), {plan}\n");
        }
    }

    [SkippableFact]
    public void Composite_layers_agrees_with_cpu_on_random_plans()
    {
        foreach (var plan in RandomPlans())
        {
            var expected = Fused(Reference, plan, PoisonReference);
            var actual = Fused(Backend, plan, PoisonTested);
            PixelAssert.Equal(expected, actual, plan.Width, plan.Height, 1,
                $"CompositeLayers on {Backend.Name} ({Backend.Device}) vs the CPU twin, seed {Seed} (SC_TEST_SEED={Seed} replays it), {plan}\n");
            var expectedYuv = FusedYuv(Reference, plan, PoisonReference);
            var actualYuv = FusedYuv(Backend, plan, PoisonTested);
            PixelAssert.EqualBytes(expectedYuv, actualYuv, 1,
                $"CompositeLayersToI420 on {Backend.Name} vs the CPU twin, seed {Seed} (SC_TEST_SEED={Seed} replays it), {plan}\n");
        }
    }

    [SkippableFact]
    public void Composite_layers_golden_opacity_then_a_faded_half_transparent_layer()
    {
        // Background opaque black, 4x2. Layer 0: opaque white 2x2 at (1, 0), opacity 0.5 → 127.5 → 128 (Opacity_half_white_over_black).
        // Layer 1: red at alpha 128 (premultiplied 128, 0, 0, 128), 1x1 at (2, 0), faded halfway toward blue: R 128·0.5 = 64,
        // B 0 + (255·0.5/255)·128 = 64 → (64, 0, 64, 128); over (128, 128, 128, 255) with keep = 1 − 128/255 = 0.49804:
        // R 64 + 63.75 = 127.75 → 128, G 63.75 → 64, B 127.75 → 128, A 128 + 127 = 255.
        using var white = Load(Backend, 2, 2, Solid(2, 2, 255, 255, 255, 255));
        using var red = Load(Backend, 1, 1, Solid(1, 1, 128, 0, 0, 128));
        using var canvas = Load(Backend, 4, 2, Poison(4, 2, PoisonTested));
        Backend.CompositeLayers(canvas, new Rgba(0, 0, 0), [
            new LayerDraw(white, 1, 0, 0.5f),
            new LayerDraw(red, 2, 0, FadeColor: new Rgba(0, 0, 255), FadeAmount: 0.5f),
        ]);
        var pixels = Read(Backend, canvas);
        foreach (var (x, y) in new[] { (0, 0), (0, 1), (3, 0), (3, 1) })
            PixelIs(pixels, 4, x, y, 0, 0, 0, 255, "the background");
        foreach (var (x, y) in new[] { (1, 0), (1, 1), (2, 1) })
            PixelIs(pixels, 4, x, y, 128, 128, 128, 255, "white at opacity 0.5");
        PixelIs(pixels, 4, 2, 0, 128, 64, 128, 255, "the faded red over it");

        var yuv = new byte[new Yuv420Layout(4, 2).TotalBytes];
        Backend.CompositeLayersToI420(4, 2, new Rgba(0, 0, 0), [
            new LayerDraw(white, 1, 0, 0.5f),
            new LayerDraw(red, 2, 0, FadeColor: new Rgba(0, 0, 255), FadeAmount: 0.5f),
        ], yuv);
        // Y of black 16; of gray 128: 16 + 128·219/255 = 125.93 → 126; of (128, 64, 128): 16 + (27.21 + 45.77 + 9.24)·219/255 = 86.6 → 87.
        Assert.Equal(new byte[] { 16, 126, 87, 16, 16, 126, 126, 16 }, yuv[..8]);
        // U of block 0 (black, gray, black, gray: mean 64): 128 + 64·(−0.1146 − 0.3854 + 0.5)·224/255 = 128; V likewise 128.
        Assert.Equal(128, yuv[8]);
        Assert.Equal(128, yuv[10]);
    }

    [SkippableFact]
    public void Composite_layers_golden_masked_multiply()
    {
        // Background (200, 100, 50) opaque; layer (100, 200, 255) opaque, multiply, mask white then black.
        // White: m = 1, αb = 1, keep = 0: out = 255·Cb·Cs: R 255·(200/255)·(100/255) = 78.43 → 78, G 78, B 50·1 = 50, A 255.
        // Black: m = 0 → the background.
        using var layer = Load(Backend, 2, 1, Solid(2, 1, 100, 200, 255, 255));
        using var mask = Load(Backend, 2, 1, [255, 255, 255, 255, 0, 0, 0, 255]);
        using var canvas = Load(Backend, 2, 1, Poison(2, 1, PoisonTested));
        Backend.CompositeLayers(canvas, new Rgba(200, 100, 50), [new LayerDraw(layer, 0, 0, 1f, mask, BlendMode.Multiply)]);
        var pixels = Read(Backend, canvas);
        PixelIs(pixels, 2, 0, 0, 78, 78, 50, 255, "multiply under a white mask");
        PixelIs(pixels, 2, 1, 0, 200, 100, 50, 255, "under a black mask");
    }

    [SkippableFact]
    public void Composite_layers_no_layers_is_the_fill()
    {
        using var canvas = Load(Backend, 5, 3, Poison(5, 3, PoisonTested));
        Backend.CompositeLayers(canvas, new Rgba(255, 128, 0, 128), []);
        AllPixelsAre(Read(Backend, canvas), 5, 3, 128, 64, 0, 128, "no layers over #ff800080");
    }

    [SkippableTheory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(1, 3)]
    [InlineData(37, 29)]
    public void Composite_layers_to_i_420_odd_sizes_is_composite_layers_then_convert(int width, int height)
    {
        var plan = new FusedPlan(0, width, height, RandomColor(), [new FusedImage(width + 2, height, RandomPremultiplied(width + 2, height), RandomMask(width + 2, height))],
            [new FusedLayerSpec(0, -1, 0, 0.9f, true, BlendMode.Normal, RandomColor(), 0.3f), new FusedLayerSpec(0, 0, -1, 1f, false, BlendMode.Screen, default, 0f)]);
        var expected = ToYuv(Backend, Fused(Backend, plan, PoisonReference), width, height);
        PixelAssert.EqualBytes(expected, FusedYuv(Backend, plan, PoisonTested), 0, $"{width}x{height} I420 of {plan}");
    }

    [SkippableFact]
    public void Composite_layers_rejects_bad_layers()
    {
        using var canvas = Backend.Allocate(4, 4);
        using var layer = Backend.Allocate(2, 2);
        using var wrongMask = Backend.Allocate(3, 2);
        Assert.Throws<ArgumentException>(() => Backend.CompositeLayers(canvas, Rgba.Black, [new LayerDraw(layer, 0, 0, Mask: wrongMask)]));
        Assert.Throws<ArgumentException>(() => Backend.CompositeLayers(canvas, Rgba.Black, [new LayerDraw(canvas, 1, 1)]));
        Assert.Throws<ArgumentException>(() => Backend.CompositeLayers(canvas, Rgba.Black, [new LayerDraw(layer, 0, 0, Mode: (BlendMode)42)]));
        using var other = new Gpu.Cpu.CpuBackend();
        using var foreign = other.Allocate(2, 2);
        Assert.Throws<ArgumentException>(() => Backend.CompositeLayers(canvas, Rgba.Black, [new LayerDraw(foreign, 0, 0)]));
        Assert.Throws<ArgumentException>(() => Backend.CompositeLayersToI420(4, 4, Rgba.Black, [], new byte[23]));
    }
}
