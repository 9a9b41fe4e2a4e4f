using System.Diagnostics;
using System.Globalization;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using Xunit.Abstractions;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// What only a GPU can show, for <c>scripts/device-check</c>: the 300-layer composite and whole frames of reference compositions
/// rendered on CUDA as on the CPU (within ±1), with frames per second of each printed (not asserted). Skips without a GPU.
/// </summary>
public sealed class CudaDeviceTests(CudaBackendTests.SharedBackend shared, ITestOutputHelper output) : IClassFixture<CudaBackendTests.SharedBackend>
{
    [SkippableTheory]
    [InlineData(ThreeHundredLayers.Width, ThreeHundredLayers.Height)]
    [InlineData(1920, 1080)]
    public void Three_hundred_layers_render_as_on_the_cpu(int width, int height)
    {
        var cuda = shared.Get();
        using var cpu = new CpuBackend();
        var clock = Stopwatch.StartNew();
        var actual = ThreeHundredLayers.Render(cuda, width, height);
        output.WriteLine($"300 layers at {width}x{height} on {cuda.Device}: {clock.Elapsed.TotalMilliseconds:0} ms with the upload of 300 images and masks and both composites");
        var expected = ThreeHundredLayers.Render(cpu, width, height);
        output.WriteLine($"bytes that differ from the CPU: RGBA {Differing(expected.Rgba, actual.Rgba)}, I420 {Differing(expected.I420, actual.I420)}");
        PixelAssert.Equal(expected.Rgba, actual.Rgba, width, height, 1, $"300 layers at {width}x{height}, RGBA, CUDA vs CPU");
        Assert.True(expected.I420.Zip(actual.I420).All(p => Math.Abs(p.First - p.Second) <= 1), "300 layers, I420, CUDA vs CPU within ±1");
    }

    public static TheoryData<string> Compositions() => ["overlay-fades", "sprites-300"];

    [SkippableTheory]
    [MemberData(nameof(Compositions))]
    public void A_composition_renders_as_on_the_cpu_frames_per_second_of_each(string name)
    {
        var cuda = shared.Get();
        var clip = Composition(name);
        var fps = new FrameRate(30);
        const int frames = 60;
        var bytes = new Yuv420Layout(clip.Width, clip.Height).TotalBytes;

        (byte[] Last, double Fps, int Worst) Render(IComputeBackend backend, byte[]? reference)
        {
            backend.Prepare(KernelShapes.Of(clip, fps, 0, frames, PipeFormat.I420));
            using var renderer = new FrameRenderer(backend);
            var buffer = new byte[bytes];
            var worst = 0;
            renderer.RenderToPipe(clip, fps.TimeOf(0), PipeFormat.I420, buffer); // warm: stills made, pools filled
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < frames; i++)
            {
                renderer.RenderToPipe(clip, fps.TimeOf(i), PipeFormat.I420, buffer);
                if (reference is not null && i == frames - 1)
                    worst = reference.Zip(buffer).Max(p => Math.Abs(p.First - p.Second));
            }
            return (buffer, frames / clock.Elapsed.TotalSeconds, worst);
        }

        using var cpu = new CpuBackend();
        var onCpu = Render(cpu, null);
        var onCuda = Render(cuda, onCpu.Last);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} {clip.Width}x{clip.Height}, {frames} frames to I420 (no encoder): CUDA {onCuda.Fps:0.0} fps, CPU ({Environment.ProcessorCount} cores) {onCpu.Fps:0.0} fps, x{onCuda.Fps / onCpu.Fps:0.00}; largest difference {onCuda.Worst}"));
        Assert.True(onCuda.Worst <= 1, $"{name}: the last frame differs from the CPU's by {onCuda.Worst}");
    }

    [Fact]
    public void The_compositions_and_the_1080p_layers_render_on_the_cpu()
    {
        // What the GPU tests above run, checked here without a GPU, so a lent machine's minutes are not lost to a mistake in them.
        using var cpu = new CpuBackend();
        foreach (var name in new[] { "overlay-fades", "sprites-300" })
        {
            var clip = Composition(name);
            var buffer = new byte[new Yuv420Layout(clip.Width, clip.Height).TotalBytes];
            using var renderer = new FrameRenderer(cpu);
            renderer.RenderToPipe(clip, 1.5, PipeFormat.I420, buffer);
            Assert.True(buffer.Distinct().Count() > 10, $"{name} draws something");
        }
        Assert.NotEmpty(ThreeHundredLayers.Render(cpu, 1920, 1080).Rgba);
    }

    /// <summary>The reference compositions without media files: a gradient with moving, fading cards; 300 small moving sprites.</summary>
    private static Clip Composition(string name) => name switch
    {
        "overlay-fades" => Composite(1920, 1080,
            Gradient.Linear(1920, 1080, (0, 0), (0, 1080), "#1e3c72", "#2a5298"),
            Gradient.Linear(400, 225, (0, 0), (400, 225), "#ffcc00", "#ff6600").FadeIn(1).FadeOut(1).WithDuration(8).At(t => (100 + 120 * t, 80 + 20 * t)),
            Color(600, 340, "#ffcc00").Opacity(0.8).WithStart(0.5).WithDuration(6).FadeIn(1).At(t => (1200 - 90 * t, 450)),
            Color(1920, 160, "white").Opacity(0.6).WithDuration(7).FadeIn(0.5).FadeOut(0.5).At(t => (0, 860 - 40 * t))).WithDuration(8),
        "sprites-300" => Composite(1920, 1080,
            [Color(1920, 1080, "#102030"), .. Enumerable.Range(0, 300).Select(i =>
                Color(48, 48, i % 3 == 0 ? "red" : i % 3 == 1 ? "lime" : "#3366ff").Opacity(0.5 + i % 5 * 0.1)
                    .At(t => ((i * 97 + 200 * t) % 1900, (i * 53 + 60 * t) % 1060)))], "black").WithDuration(8),
        _ => throw new ArgumentException($"no composition {name}", nameof(name)),
    };

    private static int Differing(byte[] a, byte[] b) => a.Zip(b).Count(p => p.First != p.Second);
}
