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
    public void Nothing_to_draw_launches_nothing()
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
    public void Launches_are_32_by_8_blocks_covering_the_image()
    {
        // 32 threads across: a warp reads one full 128-byte row of RGBA pixels.
        var runtime = new ShimRuntime(ShimHarness.Get());
        using var backend = new CudaBackend(runtime);
        using var image = backend.Allocate(70, 9);
        backend.Fill(image, Rgba.White);
        Assert.Equal((3u, 2u, 32u, 8u), runtime.LastLaunch);
    }

    [SkippableFact]
    public void Three_hundred_layers_render_as_on_the_cpu_byte_for_byte()
    {
        // Past NVRTC's 4 KB of kernel parameters when each layer's values were parameters: now they are an array in device memory.
        var runtime = new ShimRuntime(ShimHarness.Get());
        using var shim = new CudaBackend(runtime);
        using var cpu = new CpuBackend();
        var expected = ThreeHundredLayers.Render(cpu);
        var actual = ThreeHundredLayers.Render(shim);
        Assert.Equal(2, runtime.Launches); // one launch per composite, whatever the number of layers
        PixelAssert.Equal(expected.Rgba, actual.Rgba, ThreeHundredLayers.Width, ThreeHundredLayers.Height, 0, "300 layers, RGBA, shim vs CPU");
        Assert.True(expected.I420.AsSpan().SequenceEqual(actual.I420), "300 layers, I420, shim vs CPU");
    }

    [SkippableFact]
    public void A_read_past_a_device_buffer_is_caught_by_the_sanitizer()
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
    public void Backend_comparison_covers_every_operation_and_agrees()
    {
        using var backend = new CudaBackend(new ShimRuntime(ShimHarness.Get()));
        var results = Gpu.Diagnostics.BackendComparison.Run(backend, width: 45, height: 23);
        foreach (var name in new[] { "composite (multiply)", "resize (lanczos3, down)", "rotate (33°)", "gaussian blur", "chroma key (cbcr)", "adjust colors", "mirror x", "pixel effect", "yuv420", "yuv420 upload (bt601, full)", "yuv420 upload (bt709, limited)", "yuv420 layers", "composite layers", "composite layers to i420", "transition (slideup)", "transition (dissolve)" })
            Assert.Contains(results, r => r.Operation == name);
        Assert.All(results, r => Assert.True(r.Agrees, $"{r.Operation}: largest difference {r.LargestDifference} {r.Error}"));
    }

    [SkippableFact]
    public void A_pixel_effect_that_does_not_compile_throws_with_the_compilers_log()
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
    public void An_out_of_bounds_kernel_is_caught_by_the_sanitizer()
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
    public void A_wrong_argument_list_is_rejected_by_the_harness()
    {
        var harness = ShimHarness.Get();
        Assert.Equal("piiiiii", harness.Signature("sc_fill"));
        var (exitCode, _, stderr) = harness.Run(["sc_fill", "1", "1", "1", "1", "1", "1", "i:1"]);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("arguments", stderr, StringComparison.Ordinal);
    }
}
