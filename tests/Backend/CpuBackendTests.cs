using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.Backend;

/// <summary>The suite on the CPU twins (always runs). Its agreement tests check the poisoning and comparison machinery itself.</summary>
public sealed class CpuBackendTests(ITestOutputHelper output) : BackendSuite
{
    protected override IComputeBackend CreateBackend() => new CpuBackend();

    /// <summary>
    /// The vector (AVX2) paths against the scalar ones, which otherwise only handle row tails: the same bytes for every vectorised
    /// kernel and the fused composite, on sizes with tails and large enough to run in parallel.
    /// </summary>
    [SkippableFact]
    public void Scalar_paths_give_the_vector_paths_bytes()
    {
        Skip.IfNot(System.Runtime.Intrinsics.X86.Avx2.IsSupported, "no AVX2 here: only the scalar paths run");
        foreach (var (width, height) in new[] { (45, 23), (333, 211) })
        {
            var canvas = RandomPremultiplied(width, height);
            var layer = RandomPremultiplied(width - 7, height - 3);
            var mask = RandomBytes((width - 7) * (height - 3) * 4);
            var straight = RandomBytes(width * height * 4);
            var color = RandomColor();
            var i420 = RandomBytes(new Yuv420Layout(width, height).TotalBytes);
            var planarFrame = RandomBytes(new Yuv420Layout(width, height).TotalBytes);
            var planarSmall = RandomBytes(new Yuv420Layout((width / 2) & ~1, (height / 2) & ~1).TotalBytes);
            var gradients = new[]
            {
                new GradientParams(GradientKind.Linear, 3.5f, 4f, width - 5f, height / 2f, 0f, RandomColor(), RandomColor(), 0.2f),
                new GradientParams(GradientKind.Bilinear, width / 2f, 4f, width - 5f, height - 1f, 0f, RandomColor(), RandomColor()),
                new GradientParams(GradientKind.Radial, width / 3f, height / 2f, 0f, 0f, width / 2f, RandomColor(), RandomColor(), 0.3f),
            };
            var operations = new List<(string Name, Func<byte[]> Run)>
            {
                ("composite", () => Run(width, height, canvas, (b, c) => { using var l = Image(b, width - 7, height - 3, layer); b.Composite(c, l, new CompositeParams(-2, 5, 0.8f)); })),
                ("masked composite", () => Run(width, height, canvas, (b, c) => { using var l = Image(b, width - 7, height - 3, layer); using var m = Image(b, width - 7, height - 3, mask); b.Composite(c, l, new CompositeParams(9, -1, 0.6f, m)); })),
                ("fade", () => Run(width, height, canvas, (b, c) => b.Fade(c, color, 0.35f))),
                ("premultiply", () => Run(width, height, straight, (b, c) => b.Premultiply(c))),
                ("unpremultiply", () => Run(width, height, canvas, (b, c) => b.Unpremultiply(c))),
                ("I420", () => { using var b = new CpuBackend(); using var c = Image(b, width, height, canvas); var yuv = new byte[new Yuv420Layout(width, height).TotalBytes]; b.ConvertToYuv420(c, yuv); return yuv; }),
                ("I420 upload (BT.709 limited)", () => Run(width, height, canvas, (b, c) => b.UploadYuv420(i420, c, YuvMatrix.Bt709, YuvRange.Limited))),
                ("I420 upload (BT.601 full)", () => Run(width, height, canvas, (b, c) => b.UploadYuv420(i420, c, YuvMatrix.Bt601, YuvRange.Full))),
                ("fused", () => Run(width, height, canvas, (b, c) =>
                {
                    using var l = Image(b, width - 7, height - 3, layer);
                    using var m = Image(b, width - 7, height - 3, mask);
                    b.CompositeLayers(c, color, [new LayerDraw(l, -3, 2, 0.9f, m, FadeColor: color, FadeAmount: 0.4f), new LayerDraw(l, 5, -1, 1f), new LayerDraw(l, 1, 1, 0.7f, null, BlendMode.Overlay)]);
                })),
                ("fused I420", () =>
                {
                    using var b = new CpuBackend();
                    using var l = Image(b, width - 7, height - 3, layer);
                    using var m = Image(b, width - 7, height - 3, mask);
                    var yuv = new byte[new Yuv420Layout(width, height).TotalBytes];
                    b.CompositeLayersToI420(width, height, color, [new LayerDraw(l, -3, 2, 0.9f, m, FadeColor: color, FadeAmount: 0.4f), new LayerDraw(l, 5, -1, 1f)], yuv);
                    return yuv;
                }),
                ("planar layers", () =>
                {
                    // Video frames (copied; BT.601 full range, faded, translucent) and pictures (at odd places) into an even frame.
                    int w = width & ~1, h = height & ~1, lw = (width / 2) & ~1, lh = (height / 2) & ~1;
                    using var b = new CpuBackend();
                    using var picture = Image(b, width - 7, height - 3, layer);
                    var yuv = new byte[new Yuv420Layout(w, h).TotalBytes];
                    b.MixI420Layers(w, h, color, [
                        new Yuv420Layer(planarFrame.AsMemory(0, new Yuv420Layout(w, h).TotalBytes), w, h, 0, 0),
                        new Yuv420Layer(planarSmall, lw, lh, 4, -2, 0.6f, color, 0.3f, YuvMatrix.Bt601, YuvRange.Full),
                        Yuv420Layer.Picture(picture, -3, 5, 0.7f),
                        Yuv420Layer.Picture(picture, 17, -4),
                    ], yuv);
                    return yuv;
                }),
            };
            operations.AddRange(gradients.Select(g => ($"gradient {g.Kind}", (Func<byte[]>)(() => Run(width, height, canvas, (b, c) => b.Gradient(c, g))))));
            foreach (var (name, run) in operations)
            {
                var vector = run();
                byte[] scalar;
                using (Gpu.Cpu.CpuKernels.ScalarOnly())
                    scalar = run();
                PixelAssert.EqualBytes(scalar, vector, 0, $"{name} at {width}x{height}: vector vs scalar path, seed {Seed}");
            }
        }
    }

    /// <summary>
    /// The vector paths of the three resize filters against the scalar ones: upscales and downscales, odd sizes, sizes below
    /// and above one vector of columns, 1-pixel sources and targets, and sizes large enough to run in parallel.
    /// </summary>
    [SkippableFact]
    public void Scalar_resize_gives_the_vector_resize_bytes()
    {
        Skip.IfNot(System.Runtime.Intrinsics.X86.Avx2.IsSupported, "no AVX2 here: only the scalar paths run");
        var pairs = new (int Sw, int Sh, int Tw, int Th)[]
        {
            (1, 1, 17, 9), (1, 7, 13, 3), (9, 1, 3, 5), (5, 4, 1, 1), (7, 3, 8, 8), (31, 17, 64, 35),
            (45, 23, 333, 211), (333, 211, 45, 23), (333, 211, 1001, 677), (1001, 677, 333, 211), (640, 360, 1280, 720),
            (211, 333, 211, 101), (101, 57, 303, 57), (960, 540, 1919, 1081),
        };
        foreach (var (sw, sh, tw, th) in pairs)
        {
            var source = RandomPremultiplied(sw, sh);
            foreach (var filter in new[] { ResizeFilter.Bilinear, ResizeFilter.Bicubic, ResizeFilter.Lanczos3 })
            {
                byte[] Resize()
                {
                    using var b = new CpuBackend();
                    using var s = Image(b, sw, sh, source);
                    using var t = b.Allocate(tw, th);
                    b.Resize(s, t, filter);
                    var result = new byte[t.ByteCount];
                    b.Download(t, result);
                    return result;
                }
                var vector = Resize();
                byte[] scalar;
                using (Gpu.Cpu.CpuKernels.ScalarOnly())
                    scalar = Resize();
                PixelAssert.EqualBytes(scalar, vector, 0, $"{filter} resize {sw}x{sh} -> {tw}x{th}: vector vs scalar path, seed {Seed}");
            }
        }
    }

    /// <summary>
    /// What one decoded frame costs on this machine (printed, not asserted: timings on shared CI machines vary): the best of
    /// several batches, after a warm-up. The aim is well under 1 ms per 1280x720 frame with AVX2 on two cores.
    /// </summary>
    [Fact]
    public void Upload_yuv_420_time_per_frame_is_reported()
    {
        using var backend = new CpuBackend();
        foreach (var (width, height) in new[] { (1280, 720), (1920, 1080) })
        {
            var i420 = RandomBytes(new Yuv420Layout(width, height).TotalBytes);
            var planarFrame = RandomBytes(new Yuv420Layout(width, height).TotalBytes);
            var planarSmall = RandomBytes(new Yuv420Layout((width / 2) & ~1, (height / 2) & ~1).TotalBytes);
            using var image = backend.Allocate(width, height);
            for (var i = 0; i < 20; i++)
                backend.UploadYuv420(i420, image, YuvMatrix.Bt709, YuvRange.Limited);
            var best = double.MaxValue;
            for (var batch = 0; batch < 5; batch++)
            {
                const int frames = 40;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                for (var i = 0; i < frames; i++)
                    backend.UploadYuv420(i420, image, YuvMatrix.Bt709, YuvRange.Limited);
                best = Math.Min(best, clock.Elapsed.TotalMilliseconds / frames);
            }
            output.WriteLine($"UploadYuv420 {width}x{height} on the CPU ({Environment.ProcessorCount} cores, AVX2 {System.Runtime.Intrinsics.X86.Avx2.IsSupported}): {best:0.000} ms/frame");
        }
    }

    private static DeviceImage Image(IComputeBackend backend, int width, int height, byte[] pixels)
    {
        var image = backend.Allocate(width, height);
        backend.Upload(pixels, image);
        return image;
    }

    private static byte[] Run(int width, int height, byte[] pixels, Action<IComputeBackend, DeviceImage> operation)
    {
        using var backend = new CpuBackend();
        using var image = Image(backend, width, height, pixels);
        operation(backend, image);
        var result = new byte[image.ByteCount];
        backend.Download(image, result);
        return result;
    }

    [Fact]
    public void A_pixel_effect_without_a_cpu_version_says_how_to_write_one()
    {
        using var backend = new CpuBackend();
        using var image = backend.Allocate(2, 2);
        var effect = new PixelEffect(cuda: "px.x = 1.0f;", name: "redden");
        var error = Assert.Throws<PixelEffectException>(() => backend.ApplyPixelEffect(image, effect, 0f));
        Assert.Contains("'redden' has no CPU version", error.Message, StringComparison.Ordinal);
        Assert.Contains("cpu: (px, x, y, t) =>", error.Message, StringComparison.Ordinal);
        Assert.Contains("GPU", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pixel_effect_that_throws_throws_the_users_exception()
    {
        using var backend = new CpuBackend();
        using var image = backend.Allocate(300, 300);
        var effect = new PixelEffect(cpu: (px, x, _, _) => x == 250 ? throw new InvalidOperationException("boom") : px);
        var error = Assert.Throws<InvalidOperationException>(() => backend.ApplyPixelEffect(image, effect, 0f));
        Assert.Equal("boom", error.Message);
    }
}
