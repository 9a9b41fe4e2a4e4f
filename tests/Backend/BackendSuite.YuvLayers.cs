using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// <see cref="IComputeBackend.MixI420Layers"/>, the planar path for video (and pictures over it): agreement with the CPU twin on random plans, hand-computed
/// samples, the same picture as the RGBA path (<see cref="IComputeBackend.UploadYuv420"/> + <see cref="IComputeBackend.CompositeLayersToI420"/>),
/// and its argument errors.
/// </summary>
public abstract partial class BackendSuite
{
    /// <summary>How many random planar plans each test draws (each launch is a process on the CUDA shim, so fewer there).</summary>
    protected virtual int PlanarPlanCount => 40;

    /// <summary>A random planar composite; a layer with <see cref="Pictures"/>[i] set is an RGBA picture (premultiplied pixels), made on each backend.</summary>
    private sealed record PlanarPlan(int Width, int Height, Rgba Background, Yuv420Layer[] Layers, byte[]?[] Pictures)
    {
        public override string ToString() =>
            $"{Width}x{Height} over {Background}: " + string.Join("; ", Layers.Select((l, i) =>
                $"{l.Width}x{l.Height} {(Pictures[i] is null ? $"{l.Matrix} {l.Range}" : "picture")} at ({l.X}, {l.Y}) opacity {l.Opacity:0.###}" +
                (l.FadeAmount > 0 ? $" faded {l.FadeAmount:0.###} toward {l.FadeColor}" : "")));

        /// <summary>The layers for <paramref name="backend"/>, with its own images for the pictures (the caller disposes them).</summary>
        public Yuv420Layer[] On(IComputeBackend backend, List<DeviceImage> images) =>
            [.. Layers.Select((l, i) =>
            {
                if (Pictures[i] is not { } pixels)
                    return l;
                var image = Load(backend, l.Width, l.Height, pixels);
                images.Add(image);
                return Yuv420Layer.Picture(image, l.X, l.Y, l.Opacity);
            })];
    }

    private int Even(int min, int max) => _random.Next(min / 2, max / 2 + 1) * 2;

    private PlanarPlan RandomPlanarPlan(Func<int, int, YuvMatrix, YuvRange, byte[]> frame, int maxPictures = int.MaxValue)
    {
        int width = Even(2, 40), height = Even(2, 24);
        var layers = new Yuv420Layer[_random.Next(0, 5)];
        var pictures = new byte[]?[layers.Length];
        for (var i = 0; i < layers.Length; i++)
        {
            var opacity = _random.Next(3) switch { 0 => 1f, 1 => (float)_random.NextDouble(), _ => _random.Next(2) == 0 ? 0f : 1.3f };
            if (_random.Next(3) == 0 && pictures.Count(p => p is not null) < maxPictures)
            {
                // A picture: any size and position, odd ones included.
                int pw = _random.Next(1, width + 8), ph = _random.Next(1, height + 8);
                pictures[i] = RandomPremultiplied(pw, ph);
                layers[i] = new Yuv420Layer(ReadOnlyMemory<byte>.Empty, pw, ph, _random.Next(-pw - 1, width + 2), _random.Next(-ph - 1, height + 2), opacity);
                continue;
            }
            int w = Even(2, width + 8), h = Even(2, height + 8);
            var fade = _random.Next(3) == 0 ? (float)_random.NextDouble() : 0f;
            var (matrix, range) = _random.Next(2) == 0 ? (YuvMatrix.Bt709, YuvRange.Limited) : ((YuvMatrix)_random.Next(2), (YuvRange)_random.Next(2));
            layers[i] = new Yuv420Layer(frame(w, h, matrix, range), w, h, Even(-w - 2, width + 2), Even(-h - 2, height + 2), opacity,
                new Rgba((byte)_random.Next(256), (byte)_random.Next(256), (byte)_random.Next(256)), fade, matrix, range);
        }
        var background = new Rgba((byte)_random.Next(256), (byte)_random.Next(256), (byte)_random.Next(256), (byte)_random.Next(256));
        return new PlanarPlan(width, height, background, layers, pictures);
    }

    private byte[] RandomI420(int width, int height, YuvMatrix matrix = YuvMatrix.Bt709, YuvRange range = YuvRange.Limited)
    {
        var frame = new byte[new Yuv420Layout(width, height).TotalBytes];
        _random.NextBytes(frame);
        return frame;
    }

    private static byte[] Planar(IComputeBackend backend, PlanarPlan plan, byte poison)
    {
        var yuv = new byte[new Yuv420Layout(plan.Width, plan.Height).TotalBytes];
        Array.Fill(yuv, poison);
        var images = new List<DeviceImage>();
        try
        {
            backend.MixI420Layers(plan.Width, plan.Height, plan.Background, plan.On(backend, images), yuv);
        }
        finally
        {
            foreach (var image in images)
                image.Dispose();
        }
        return yuv;
    }

    [SkippableFact]
    public void Mix_i_420_layers_agrees_with_cpu_on_random_plans()
    {
        for (var i = 0; i < PlanarPlanCount; i++)
        {
            var plan = RandomPlanarPlan(RandomI420);
            PixelAssert.EqualBytes(Planar(Reference, plan, PoisonReference), Planar(Backend, plan, PoisonTested), 0,
                $"MixI420Layers on {Backend.Name} vs the CPU twin, seed {Seed} (SC_TEST_SEED={Seed} replays it), {plan}\n");
        }
    }

    [SkippableFact]
    public void Mix_i_420_layers_is_the_rgba_paths_picture_on_random_plans()
    {
        // Layers made as an encoder would make them: RGB pictures (uniform 2x2 blocks, so inside RGB) converted to I420 with the layer's
        // matrix and range. The RGBA path decodes them to RGB, composites and converts back, rounding at each step; the planar path
        // converts and mixes the samples directly. At most one picture: a picture over another translucent picture is mixed with the
        // chroma of its 2x2 block where the RGBA path mixes each pixel's (4:2:0, as ffmpeg's overlay), which differs at such edges.
        byte[] FromRgb(int w, int h, YuvMatrix matrix, YuvRange range)
        {
            var layout = new Yuv420Layout(w, h);
            var i420 = new byte[layout.TotalBytes];
            for (var by = 0; by < h; by += 2)
                for (var bx = 0; bx < w; bx += 2)
                {
                    var (y, u, v) = EncodeYuv(_random.Next(256), _random.Next(256), _random.Next(256), matrix, range);
                    foreach (var (dx, dy) in new[] { (0, 0), (1, 0), (0, 1), (1, 1) })
                        i420[(by + dy) * w + bx + dx] = y;
                    i420[layout.LumaBytes + by / 2 * layout.ChromaWidth + bx / 2] = u;
                    i420[layout.LumaBytes + layout.ChromaBytes + by / 2 * layout.ChromaWidth + bx / 2] = v;
                }
            return i420;
        }
        for (var i = 0; i < PlanarPlanCount; i++)
        {
            var plan = RandomPlanarPlan(FromRgb, maxPictures: 1);
            var images = plan.Layers.Select((l, k) =>
            {
                if (plan.Pictures[k] is { } pixels)
                    return Load(Backend, l.Width, l.Height, pixels);
                var image = Backend.Allocate(l.Width, l.Height);
                Backend.UploadYuv420(l.I420.Span, image, l.Matrix, l.Range);
                return image;
            }).ToArray();
            try
            {
                var draws = plan.Layers.Select((l, k) => new LayerDraw(images[k], l.X, l.Y, l.Opacity, FadeColor: l.FadeColor, FadeAmount: l.FadeAmount)).ToArray();
                var rgbaPath = new byte[new Yuv420Layout(plan.Width, plan.Height).TotalBytes];
                Backend.CompositeLayersToI420(plan.Width, plan.Height, plan.Background, draws, rgbaPath);
                var planar = Planar(Backend, plan, PoisonTested);
                PixelAssert.EqualBytes(rgbaPath, planar, 3,
                    $"MixI420Layers vs UploadYuv420 + CompositeLayersToI420 on {Backend.Name}, seed {Seed} (SC_TEST_SEED={Seed} replays it), {plan}\n");
            }
            finally
            {
                foreach (var image in images)
                    image.Dispose();
            }
        }
    }

    [SkippableFact]
    public void Mix_i_420_layers_golden()
    {
        // A 4x2 frame over opaque black (Y 16, U 128, V 128, the bytes ConvertToYuv420 gives for black). Layer 0: 2x2 at (0, 0),
        // Y 200, U 90, V 60, copied. Layer 1: 2x2 at (2, 0), the same samples at opacity 0.5 after a half fade toward black:
        // Y round(200·0.5 + 16·0.5) = 108, then round(108·0.5 + 16·0.5) = 62; U round(90·0.5 + 64) = 109, round(54.5 + 64) = 119
        // (118.5 rounds up); V round(30 + 64) = 94, round(47 + 64) = 111.
        byte[] sample = [200, 200, 200, 200, 90, 60];
        var yuv = new byte[new Yuv420Layout(4, 2).TotalBytes];
        Array.Fill(yuv, PoisonTested);
        Backend.MixI420Layers(4, 2, Rgba.Black, [
            new Yuv420Layer(sample, 2, 2, 0, 0),
            new Yuv420Layer(sample, 2, 2, 2, 0, 0.5f, Rgba.Black, 0.5f),
        ], yuv);
        Assert.Equal(new byte[] { 200, 200, 62, 62, 200, 200, 62, 62, 90, 119, 60, 111 }, yuv);
    }

    /// <summary>An RGB color's Y, U and V bytes in a matrix and range (the textbook formulas, rounded).</summary>
    private static (byte Y, byte U, byte V) EncodeYuv(int r, int g, int b, YuvMatrix matrix, YuvRange range)
    {
        var (kr, kb) = matrix == YuvMatrix.Bt709 ? (0.2126, 0.0722) : (0.299, 0.114);
        var y = kr * r + (1 - kr - kb) * g + kb * b;
        var cb = (b - y) / (2 * (1 - kb));
        var cr = (r - y) / (2 * (1 - kr));
        var (yScale, yOffset, cScale) = range == YuvRange.Limited ? (219 / 255.0, 16.0, 224 / 255.0) : (1.0, 0.0, 1.0);
        static byte Byte(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
        return (Byte(yOffset + y * yScale), Byte(128 + cb * cScale), Byte(128 + cr * cScale));
    }

    [SkippableTheory]
    [InlineData(YuvMatrix.Bt601, YuvRange.Limited, 100, 128, 128, 100, 128, 128)]   // gray is gray in every matrix
    [InlineData(YuvMatrix.Bt601, YuvRange.Full, 255, 128, 128, 235, 128, 128)]      // full-range white to limited white
    [InlineData(YuvMatrix.Bt709, YuvRange.Full, 0, 128, 128, 16, 128, 128)]         // and black
    [InlineData(YuvMatrix.Bt709, YuvRange.Full, 128, 255, 0, 126, 240, 16)]        // 128 + 127·224/255 = 239.6 → 240, 128 − 128·224/255 = 15.6 → 16
    public void Mix_i_420_layers_converts_other_matrices_and_ranges(YuvMatrix matrix, YuvRange range, byte y, byte u, byte v, byte ey, byte eu, byte ev)
    {
        var yuv = new byte[6];
        Backend.MixI420Layers(2, 2, Rgba.Black, [new Yuv420Layer(new byte[] { y, y, y, y, u, v }, 2, 2, 0, 0, Matrix: matrix, Range: range)], yuv);
        Assert.Equal(new byte[] { ey, ey, ey, ey, eu, ev }, yuv);
    }

    [SkippableFact]
    public void Mix_i_420_layers_a_picture_over_a_flat_frame_is_exactly_the_rgba_path()
    {
        // Red, opaque, 1x1 at (1, 1) of a 4x4 black frame, then white at half opacity over the block to its right. On a flat frame
        // the picture's "over" and the RGBA path's conversion are the same formulas: the same bytes. Red: Y 16 + 54.213·219/255 = 62.6
        // → 63 at (1, 1); its block's U 128 − 0.1146·63.75·224/255 = 121.6 → 122, V 128 + 0.5·63.75·224/255 = 156.0 → 156.
        using var red = Load(Backend, 1, 1, Solid(1, 1, 255, 0, 0, 255));
        using var white = Load(Backend, 2, 2, Solid(2, 2, 255, 255, 255, 255));
        var planar = new byte[new Yuv420Layout(4, 4).TotalBytes];
        Array.Fill(planar, PoisonTested);
        Backend.MixI420Layers(4, 4, Rgba.Black, [Yuv420Layer.Picture(red, 1, 1), Yuv420Layer.Picture(white, 2, 0, 0.5f)], planar);
        var rgbaPath = new byte[planar.Length];
        Backend.CompositeLayersToI420(4, 4, Rgba.Black, [new LayerDraw(red, 1, 1), new LayerDraw(white, 2, 0, 0.5f)], rgbaPath);
        Assert.Equal(rgbaPath, planar);
        Assert.Equal((63, 122, 156), (planar[5], planar[16], planar[20]));
    }

    [SkippableFact]
    public void Mix_i_420_layers_a_picture_with_a_fade_is_refused()
    {
        using var image = Load(Backend, 2, 2, Solid(2, 2, 255, 255, 255, 255));
        var layer = Yuv420Layer.Picture(image, 0, 0) with { FadeAmount = 0.5f };
        var error = Assert.Throws<ArgumentException>(() => Backend.MixI420Layers(2, 2, Rgba.Black, [layer], new byte[6]));
        Assert.Contains("fade the picture itself", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Mix_i_420_layers_background_is_what_convert_to_yuv_420_gives_for_it()
    {
        foreach (var color in new[] { Rgba.Black, Rgba.White, new Rgba(255, 128, 0, 200), Rgba.Transparent, new Rgba(12, 200, 99) })
        {
            var expected = ToYuv(Reference, Solid(6, 4, Premultiplied(color)), 6, 4);
            var actual = new byte[expected.Length];
            Array.Fill(actual, PoisonTested);
            Backend.MixI420Layers(6, 4, color, [], actual);
            Assert.Equal(expected, actual);
        }
    }

    private static (byte R, byte G, byte B, byte A) Premultiplied(Rgba color)
    {
        var a = color.A / 255f;
        return ((byte)Math.Clamp(color.R * a + 0.5f, 0f, 255f), (byte)Math.Clamp(color.G * a + 0.5f, 0f, 255f), (byte)Math.Clamp(color.B * a + 0.5f, 0f, 255f), color.A);
    }

    private static byte[] Solid(int width, int height, (byte R, byte G, byte B, byte A) color) => Solid(width, height, color.R, color.G, color.B, color.A);

    [SkippableFact]
    public void Mix_i_420_layers_a_big_opaque_layer_is_copied_exactly_and_clipped_at_every_edge()
    {
        var frame = RandomI420(10, 8);
        var yuv = new byte[new Yuv420Layout(6, 4).TotalBytes];
        Backend.MixI420Layers(6, 4, Rgba.White, [new Yuv420Layer(frame, 10, 8, -2, -2)], yuv);
        var expected = new byte[yuv.Length];
        for (var y = 0; y < 4; y++)
            frame.AsSpan((y + 2) * 10 + 2, 6).CopyTo(expected.AsSpan(y * 6));
        for (var plane = 0; plane < 2; plane++)
            for (var y = 0; y < 2; y++)
                frame.AsSpan(80 + plane * 20 + (y + 1) * 5 + 1, 3).CopyTo(expected.AsSpan(24 + plane * 6 + y * 3));
        Assert.Equal(expected, yuv);
    }

    [SkippableTheory]
    [InlineData(5, 4, 2, 2, 0, 0, 6, "even width and height")]
    [InlineData(4, 4, 3, 2, 0, 0, 9, "even size and an even position")]
    [InlineData(4, 4, 2, 2, 1, 0, 6, "even size and an even position")]
    [InlineData(4, 4, 2, 2, 0, -1, 6, "even size and an even position")]
    [InlineData(4, 4, 2, 2, 0, 0, 5, "whose I420 frame is 6 bytes; it has 5")]
    public void Mix_i_420_layers_rejects_what_cannot_line_up(int width, int height, int lw, int lh, int x, int y, int bytes, string message)
    {
        var yuv = new byte[64];
        var error = Assert.Throws<ArgumentException>(() =>
            Backend.MixI420Layers(width, height, Rgba.Black, [new Yuv420Layer(new byte[bytes], lw, lh, x, y)], yuv));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Mix_i_420_layers_rejects_an_unknown_matrix_or_range()
    {
        var matrix = Assert.Throws<ArgumentException>(() =>
            Backend.MixI420Layers(2, 2, Rgba.Black, [new Yuv420Layer(new byte[6], 2, 2, 0, 0, Matrix: (YuvMatrix)7)], new byte[6]));
        Assert.Contains("has no YUV matrix 7", matrix.Message, StringComparison.Ordinal);
        var range = Assert.Throws<ArgumentException>(() =>
            Backend.MixI420Layers(2, 2, Rgba.Black, [new Yuv420Layer(new byte[6], 2, 2, 0, 0, Range: (YuvRange)9)], new byte[6]));
        Assert.Contains("or range 9", range.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Mix_i_420_layers_rejects_a_short_buffer()
    {
        var error = Assert.Throws<ArgumentException>(() => Backend.MixI420Layers(4, 4, Rgba.Black, [], new byte[23]));
        Assert.Contains("needs 24 bytes; the buffer has 23", error.Message, StringComparison.Ordinal);
    }
}
