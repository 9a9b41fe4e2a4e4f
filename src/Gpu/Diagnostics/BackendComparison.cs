using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Gpu.Diagnostics;

/// <summary>
/// Runs every operation on two backends with the same random inputs and reports the largest per-channel difference
/// (for <c>sc doctor</c> and benchmarks; the tests do the same with exact assertions).
/// </summary>
public static class BackendComparison
{
    /// <summary>
    /// One operation's result: the largest |a − b| over all channels (0 or 1 is agreement), or the error it failed with (then
    /// <see cref="LargestDifference"/> is -1): one failing operation does not stop the others.
    /// </summary>
    public sealed record Result(string Operation, int LargestDifference, string? Error = null)
    {
        public bool Agrees => Error is null && LargestDifference is >= 0 and <= 1;
    }

    public static IReadOnlyList<Result> Run(IComputeBackend tested, int width = 257, int height = 131, int seed = 1)
    {
        using var reference = new CpuBackend();
        var random = new Random(seed);
        byte[] Premultiplied(int w, int h, int minAlpha = 1)
        {
            var pixels = new byte[w * h * 4];
            for (var i = 0; i < pixels.Length; i += 4)
            {
                var a = random.Next(minAlpha, 256);
                pixels[i] = (byte)random.Next(a + 1);
                pixels[i + 1] = (byte)random.Next(a + 1);
                pixels[i + 2] = (byte)random.Next(a + 1);
                pixels[i + 3] = (byte)a;
            }
            return pixels;
        }
        Rgba Color() => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

        var canvas = Premultiplied(width, height);
        var layer = Premultiplied(width / 2 + 3, height / 2 + 5);
        var (lw, lh) = (width / 2 + 3, height / 2 + 5);
        var mask = Premultiplied(lw, lh);
        var color = Color();
        var gradientColors = (Color(), Color());

        var results = new List<Result>
        {
            Compare("fill", (b, i) => b.Fill(i[0], color), (width, height, null)),
            Compare("composite", (b, i) => b.Composite(i[0], i[1], new CompositeParams(-7, height / 3, 0.8f, i[2])),
                (width, height, canvas), (lw, lh, layer), (lw, lh, mask)),
            Compare("fade", (b, i) => b.Fade(i[0], color, 0.37f), (width, height, canvas)),
        };
        foreach (var kind in Enum.GetValues<GradientKind>())
        {
            var p = new GradientParams(kind, width * 0.3f, height * 0.4f, width * 0.9f, height * 0.7f, height * 0.6f, gradientColors.Item1, gradientColors.Item2, 0.1f);
            results.Add(Compare($"gradient ({kind.ToString().ToLowerInvariant()})", (b, i) => b.Gradient(i[0], p), (width, height, null)));
        }
        results.Add(Compare("premultiply", (b, i) => b.Premultiply(i[0]), (width, height, canvas)));
        results.Add(Compare("unpremultiply", (b, i) => b.Unpremultiply(i[0]), (width, height, canvas)));
        results.Add(Compare("resize", (b, i) => b.Resize(i[1], i[0]), (width * 2 - 3, height + 17, null), (width, height, canvas)));
        foreach (var mode in Enum.GetValues<BlendMode>().Where(m => m != BlendMode.Normal))
            results.Add(Compare($"composite ({mode.ToString().ToLowerInvariant()})", (b, i) => b.Composite(i[0], i[1], new CompositeParams(-7, height / 3, 0.8f, i[2], mode)),
                (width, height, canvas), (lw, lh, layer), (lw, lh, mask)));
        foreach (var filter in new[] { ResizeFilter.Bicubic, ResizeFilter.Lanczos3 })
        {
            var name = filter.ToString().ToLowerInvariant();
            results.Add(Compare($"resize ({name}, up)", (b, i) => b.Resize(i[1], i[0], filter), (width * 2 - 3, height + 17, null), (width, height, canvas)));
            results.Add(Compare($"resize ({name}, down)", (b, i) => b.Resize(i[1], i[0], filter), (width / 3, height / 4, null), (width, height, canvas)));
        }
        results.Add(Compare("mirror x", (b, i) => b.MirrorX(i[1], i[0]), (width, height, null), (width, height, canvas)));
        results.Add(Compare("mirror y", (b, i) => b.MirrorY(i[1], i[0]), (width, height, null), (width, height, canvas)));
        results.Add(Compare("rotate (90°)", (b, i) => b.Rotate(i[1], i[0], 90f, color), (height, width, null), (width, height, canvas)));
        results.Add(Compare("rotate (33°)", (b, i) => b.Rotate(i[1], i[0], 33f, color), (width + 40, height + 90, null), (width, height, canvas)));
        var colors = new ColorParams
        {
            Brightness = 0.05f, Contrast = 1.2f, Gamma = 0.8f, Saturation = 1.3f, MultiplyR = 1.1f, MultiplyG = 0.95f, MultiplyB = 0.9f,
        };
        results.Add(Compare("adjust colors", (b, i) => b.AdjustColors(i[0], colors), (width, height, canvas)));
        results.Add(Compare("adjust colors (black and white, invert)", (b, i) => b.AdjustColors(i[0], new ColorParams { BlackWhite = true, Invert = true }), (width, height, canvas)));
        results.Add(Compare("gaussian blur", (b, i) => b.GaussianBlur(i[1], i[0], 2.5f), (width, height, null), (width, height, canvas)));
        results.Add(Compare("chroma key (cbcr)", (b, i) => b.ChromaKey(i[0], new ChromaKeyParams(color, 40f, 30f)), (width, height, canvas)));
        results.Add(Compare("chroma key (rgb)", (b, i) => b.ChromaKey(i[0], new ChromaKeyParams(color, 120f, 60f, ChromaKeyDistance.Rgb)), (width, height, canvas)));
        results.Add(Compare("pixel effect", (b, i) => b.ApplyPixelEffect(i[0], SampleEffect, 0.75f), (width, height, canvas)));
        var second = Premultiplied(width, height);
        foreach (var kind in new[] { TransitionKind.Fade, TransitionKind.FadeColor, TransitionKind.WipeTopRight, TransitionKind.SlideUp, TransitionKind.CoverLeft, TransitionKind.CircleOpen, TransitionKind.RectCrop, TransitionKind.Dissolve, TransitionKind.ZoomIn })
            results.Add(Compare($"transition ({kind.ToString().ToLowerInvariant()})", (b, i) => b.Transition(i[1], i[2], i[0], new TransitionParams(kind, 0.37f, color)),
                (width, height, null), (width, height, canvas), (width, height, second)));
        results.Add(Guard("yuv420", () => Difference(Yuv(reference, canvas, width, height), Yuv(tested, canvas, width, height))));
        var i420 = new byte[new Yuv420Layout(width, height).TotalBytes];
        random.NextBytes(i420);
        foreach (var matrix in Enum.GetValues<YuvMatrix>())
            foreach (var range in Enum.GetValues<YuvRange>())
                results.Add(Compare($"yuv420 upload ({matrix.ToString().ToLowerInvariant()}, {range.ToString().ToLowerInvariant()})",
                    (b, i) => b.UploadYuv420(i420, i[0], matrix, range), (width, height, null)));
        results.Add(Guard("yuv420 layers", YuvLayersDifference));
        // The fused composites every render uses (generated kernels): masks, fades and blend modes, RGBA and straight to I420.
        var fusedInputs = new (int W, int H, byte[]? Pixels)[]
        {
            (width, height, canvas), (lw, lh, layer), (lw, lh, mask), (width / 3 + 1, height / 2 + 2, Premultiplied(width / 3 + 1, height / 2 + 2)),
        };
        LayerDraw[] Draws(DeviceImage[] i) =>
        [
            new(i[1], -7, height / 3, 0.8f, i[2]),
            new(i[3], width / 2, -3, 0.6f, Mode: BlendMode.Multiply, FadeColor: color, FadeAmount: 0.35f),
            new(i[1], width / 4, height / 5, 1f, i[2], BlendMode.Screen, color, 0.2f),
            new(i[3], width - 5, height - 4, 0.9f, Mode: BlendMode.Overlay),
        ];
        results.Add(Compare("composite layers", (b, i) => b.CompositeLayers(i[0], color, Draws(i)), fusedInputs));
        results.Add(Guard("composite layers to i420", () => Difference(FusedI420(reference), FusedI420(tested))));
        return results;

        byte[] FusedI420(IComputeBackend backend)
        {
            var images = fusedInputs.Select(l =>
            {
                var image = backend.Allocate(l.W, l.H);
                backend.Upload(l.Pixels!, image);
                return image;
            }).ToArray();
            try
            {
                var i420 = new byte[new Yuv420Layout(width, height).TotalBytes];
                backend.CompositeLayersToI420(width, height, color, Draws(images), i420);
                return i420;
            }
            finally
            {
                foreach (var image in images)
                    image.Dispose();
            }
        }

        // Three random I420 layers (copied; faded; translucent and BT.601 full range; partly outside) and a half-transparent picture at
        // an odd place, on an even frame of about the given size.
        int YuvLayersDifference()
        {
            int w = Math.Max(2, width & ~1), h = Math.Max(2, height & ~1);
            int lw = Math.Max(2, (w / 2) & ~1), lh = Math.Max(2, (h / 2) & ~1);
            byte[] Frame(int fw, int fh)
            {
                var frame = new byte[new Yuv420Layout(fw, fh).TotalBytes];
                random.NextBytes(frame);
                return frame;
            }
            Yuv420Layer[] layers =
            [
                new(Frame(w, h), w, h, 0, 0),
                new(Frame(lw, lh), lw, lh, -2, (h - lh / 2) & ~1, 0.8f, color, 0.4f),
                new(Frame(lw, lh), lw, lh, (w / 3) & ~1, (h / 4) & ~1, 0.35f, Matrix: YuvMatrix.Bt601, Range: YuvRange.Full),
            ];
            var (pictureWidth, pictureHeight) = (Math.Max(1, w / 3 + 1), Math.Max(1, h / 3 + 1));
            var picture = Premultiplied(pictureWidth, pictureHeight, minAlpha: 0);
            byte[] Composite(IComputeBackend backend)
            {
                using var image = backend.Allocate(pictureWidth, pictureHeight);
                backend.Upload(picture, image);
                var yuv = new byte[new Yuv420Layout(w, h).TotalBytes];
                backend.MixI420Layers(w, h, color, [.. layers, Yuv420Layer.Picture(image, (w / 2 - 1) | 1, -1, 0.5f)], yuv);
                return yuv;
            }
            return Difference(Composite(reference), Composite(tested));
        }

        Result Compare(string name, Action<IComputeBackend, DeviceImage[]> operation, params (int W, int H, byte[]? Pixels)[] inputs) =>
            Guard(name, () => Difference(Execute(reference, operation, inputs, 0x3C), Execute(tested, operation, inputs, 0xA5)));
    }

    /// <summary>The operation's difference, or its error by name (a CUDA error's code name, else the exception's type) and message.</summary>
    private static Result Guard(string name, Func<int> difference)
    {
        try
        {
            return new Result(name, difference());
        }
        catch (Exception e)
        {
            return new Result(name, -1, ErrorText.Of(e));
        }
    }

    /// <summary>A pixel effect with the same math in CUDA C and C#, so the user-kernel path is compared too.</summary>
    private static readonly PixelEffect SampleEffect = new(
        cuda: "return make_float4(px.z, 1.0f - px.y, px.x * 0.5f + t * 0.25f, px.w);",
        cpu: (px, _, _, t) => new Float4(px.Z, 1f - px.Y, px.X * 0.5f + t * 0.25f, px.W),
        name: "doctor sample");

    private static byte[] Execute(IComputeBackend backend, Action<IComputeBackend, DeviceImage[]> operation, (int W, int H, byte[]? Pixels)[] inputs, byte poison)
    {
        var images = new DeviceImage[inputs.Length];
        try
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var (w, h, pixels) = inputs[i];
                images[i] = backend.Allocate(w, h);
                if (pixels is null)
                {
                    pixels = new byte[w * h * 4];
                    Array.Fill(pixels, poison); // a pixel the operation forgets to write shows up as a difference
                }
                backend.Upload(pixels, images[i]);
            }
            operation(backend, images);
            backend.Synchronize();
            var result = new byte[images[0].ByteCount];
            backend.Download(images[0], result);
            return result;
        }
        finally
        {
            foreach (var image in images)
                image?.Dispose();
        }
    }

    private static byte[] Yuv(IComputeBackend backend, byte[] pixels, int width, int height)
    {
        using var image = backend.Allocate(width, height);
        backend.Upload(pixels, image);
        var yuv = new byte[new Yuv420Layout(width, height).TotalBytes];
        backend.ConvertToYuv420(image, yuv);
        return yuv;
    }

    private static int Difference(byte[] a, byte[] b)
    {
        var largest = 0;
        for (var i = 0; i < a.Length; i++)
            largest = Math.Max(largest, Math.Abs(a[i] - b[i]));
        return largest;
    }
}
