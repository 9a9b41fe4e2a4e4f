using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Tests.Kernels;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// The suite on <see cref="CudaBackend"/> with the CUDA kernels' own sources compiled for the CPU (see <see cref="ShimRuntime"/>):
/// the backend's launch code and the kernels' arithmetic and indexing, checked under AddressSanitizer, without a GPU.
/// Skips when g++ is missing (fails when SC_REQUIRE_NVRTC=1).
/// </summary>
public sealed class CudaShimBackendTests : BackendSuite
{
    protected override IComputeBackend CreateBackend() => new CudaBackend(new ShimRuntime(ShimHarness.Get()));

    /// <summary>Every plan shape is its own generated kernel, so its own g++ build here: a few small plans.</summary>
    protected override int FusedPlanCount => 3;

    protected override int FusedMaxLayers => 4;

    protected override int PlanarPlanCount => 12;

    [SkippableFact]
    public void NothingToDraw_LaunchesNothing()
    {
        var runtime = new ShimRuntime(ShimHarness.Get());
        using var backend = new CudaBackend(runtime);
        using var canvas = backend.Allocate(4, 4);
        using var layer = backend.Allocate(2, 2);
        backend.Composite(canvas, layer, new CompositeParams(10, 10));
        backend.Composite(canvas, layer, new CompositeParams(0, 0, 0f));
        Assert.Equal(0, runtime.Launches);
    }

    [SkippableFact]
    public void ThreeHundredLayers_RenderAsOnTheCpu_ByteForByte()
    {
        // Past NVRTC's 4 KB of kernel parameters when each layer's values were parameters: now they are an array in device memory.
        var shape = Kernels.LayerKernelTests.ThreeHundred;
        var random = new Random(300);
        const int width = 21, height = 14;
        var specs = shape.Select(s =>
        {
            int w = random.Next(1, 9), h = random.Next(1, 7);
            var pixels = new byte[w * h * 4];
            for (var i = 0; i < pixels.Length; i += 4)
            {
                var a = random.Next(4) == 0 ? 0 : random.Next(1, 256);
                pixels[i] = (byte)random.Next(a + 1);
                pixels[i + 1] = (byte)random.Next(a + 1);
                pixels[i + 2] = (byte)random.Next(a + 1);
                pixels[i + 3] = (byte)a;
            }
            var mask = new byte[w * h * 4];
            random.NextBytes(mask);
            var fade = new Rgba((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            return (Shape: s, W: w, H: h, Pixels: pixels, Mask: mask, X: random.Next(1 - w, width), Y: random.Next(1 - h, height),
                Opacity: 0.05f + 0.95f * (float)random.NextDouble(), Fade: fade, Amount: s.HasFade ? 0.05f + 0.9f * (float)random.NextDouble() : 0f);
        }).ToArray();
        var background = new Rgba(30, 60, 90, 200);

        (byte[] Rgba, byte[] I420) Render(IComputeBackend backend)
        {
            var images = new List<DeviceImage>();
            DeviceImage Load(int w, int h, byte[] bytes)
            {
                var image = backend.Allocate(w, h);
                backend.Upload(bytes, image);
                images.Add(image);
                return image;
            }
            try
            {
                var draws = specs.Select(s => new LayerDraw(Load(s.W, s.H, s.Pixels), s.X, s.Y, s.Opacity, s.Shape.HasMask ? Load(s.W, s.H, s.Mask) : null,
                    s.Shape.Mode, s.Fade, s.Amount)).ToArray();
                Assert.Equal(shape, draws.Select((d, i) => LayerShape.Of(d, i, width, height)!.Value));
                using var canvas = backend.Allocate(width, height);
                backend.CompositeLayers(canvas, background, draws);
                var rgba = new byte[width * height * 4];
                backend.Download(canvas, rgba);
                var i420 = new byte[new Yuv420Layout(width, height).TotalBytes];
                backend.CompositeLayersToI420(width, height, background, draws, i420);
                return (rgba, i420);
            }
            finally
            {
                foreach (var image in images)
                    image.Dispose();
            }
        }

        var runtime = new ShimRuntime(ShimHarness.Get());
        using var shim = new CudaBackend(runtime);
        using var cpu = new CpuBackend();
        var expected = Render(cpu);
        var actual = Render(shim);
        Assert.Equal(2, runtime.Launches); // one launch per composite, whatever the number of layers
        PixelAssert.Equal(expected.Rgba, actual.Rgba, width, height, 0, "300 layers, RGBA, shim vs CPU");
        Assert.True(expected.I420.AsSpan().SequenceEqual(actual.I420), "300 layers, I420, shim vs CPU");
    }

    [SkippableFact]
    public void AReadPastADeviceBuffer_IsCaughtByTheSanitizer()
    {
        // Device memory mapped at its address (as the runtime passes it): the bytes after a buffer are poisoned.
        var harness = ShimHarness.Get();
        var file = Path.Combine(harness.Directory, $"oob-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(file, new byte[2 * 2 * 4]);
        try
        {
            var (exitCode, _, stderr) = harness.Run(["sc_fill", "1", "1", "1", "16", "16", "1", $"mem:500000000000:{file}", "ptr:500000000000", "i:16", "i:16", "i:1", "i:2", "i:3", "i:255"]);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("AddressSanitizer: use-after-poison", stderr, StringComparison.Ordinal);
            Assert.Contains("fill.cu", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SkippableFact]
    public void BackendComparison_CoversEveryOperationAndAgrees()
    {
        using var backend = new CudaBackend(new ShimRuntime(ShimHarness.Get()));
        var results = Gpu.Diagnostics.BackendComparison.Run(backend, width: 45, height: 23);
        foreach (var name in new[] { "composite (multiply)", "resize (lanczos3, down)", "rotate (33°)", "gaussian blur", "chroma key (cbcr)", "adjust colors", "mirror x", "pixel effect", "yuv420", "yuv420 upload (bt601, full)", "yuv420 upload (bt709, limited)", "yuv420 layers", "composite layers", "composite layers to i420" })
            Assert.Contains(results, r => r.Operation == name);
        Assert.All(results, r => Assert.True(r.Agrees, $"{r.Operation}: largest difference {r.LargestDifference} {r.Error}"));
    }

    [SkippableFact]
    public void APixelEffectThatDoesNotCompile_ThrowsWithTheCompilersLog()
    {
        using var backend = new CudaBackend(new ShimRuntime(ShimHarness.Get()));
        using var image = backend.Allocate(2, 2);
        var effect = new PixelEffect(cuda: "px.x = no_such_function(px.y);", cpu: (px, _, _, _) => px, name: "typo");
        var error = Assert.Throws<PixelEffectCompileException>(() => backend.ApplyPixelEffect(image, effect, 0f));
        Assert.Contains("'typo'", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_function", error.Log, StringComparison.Ordinal);
        Assert.Contains("pixel-effect:1", error.Log, StringComparison.Ordinal); // g++ honours #line too
    }

    [SkippableFact]
    public void AnOutOfBoundsKernel_IsCaughtByTheSanitizer()
    {
        // A 16x16 block over a buffer of 2x2 pixels that claims to be 16x16: the harness must abort with ASan's report.
        var harness = ShimHarness.Get();
        var file = Path.Combine(harness.Directory, $"oob-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(file, new byte[2 * 2 * 4]);
        try
        {
            var (exitCode, _, stderr) = harness.Run(["sc_fill", "1", "1", "1", "16", "16", "1", $"buf:{file}", "i:16", "i:16", "i:1", "i:2", "i:3", "i:255"]);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("AddressSanitizer: heap-buffer-overflow", stderr, StringComparison.Ordinal);
            Assert.Contains("fill.cu", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [SkippableFact]
    public void AWrongArgumentList_IsRejectedByTheHarness()
    {
        var harness = ShimHarness.Get();
        Assert.Equal("piiiiii", harness.Signature("sc_fill"));
        var (exitCode, _, stderr) = harness.Run(["sc_fill", "1", "1", "1", "1", "1", "1", "i:1"]);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("arguments", stderr, StringComparison.Ordinal);
    }
}
