using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Tests.Kernels;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// moviepy's pixel fx drawn by the frame renderer on the CUDA backend, its kernels run on the CPU by the shim, against the CPU
/// backend: the renderer's calls into the new kernels (in place, into a target, two inputs, many inputs) agree within ±1.
/// No composite is drawn here, so no fused kernel has to be built for the shim.
/// </summary>
public sealed class MoviepyFxRenderTests
{
    private static Clip Drawn(int seed) => Planning.RandomScenes.Drawn(19, 13, seed, duration: 2);

    public static TheoryData<string> Fx() => ["LumContrast", "Painting", "MaskAnd", "MaskOr", "Supersample", "Scroll", "AccelDecel", "TimeSymmetrize", "EvenSize"];

    private static Clip Make(string fx) => fx switch
    {
        "LumContrast" => Drawn(1).LumContrast(25, 0.75, 100),
        "Painting" => Drawn(2).Painting(1.6, 0.01),
        "MaskAnd" => Drawn(3).MaskAnd(Drawn(4)),
        "MaskOr" => Drawn(5).MaskOr(Drawn(6)),
        "Supersample" => Drawn(7).Supersample(0.1, 4),
        "Scroll" => Drawn(8).Scroll(9, 7, xSpeed: 3, ySpeed: 2),
        "AccelDecel" => Drawn(9).AccelDecel(3).LumContrast(-10, 0.5),
        "TimeSymmetrize" => Drawn(10).TimeSymmetrize().Painting(),
        "EvenSize" => Drawn(11).EvenSize().MaskOr(Drawn(12).EvenSize()),
        _ => throw new ArgumentException(fx, nameof(fx)),
    };

    [SkippableTheory]
    [MemberData(nameof(Fx))]
    public void Fx_drawn_on_the_shim_agree_with_the_cpu(string fx)
    {
        using var shim = new CudaBackend(new ShimRuntime(ShimHarness.Get()));
        using var cpu = new CpuBackend();
        var clip = Make(fx);
        foreach (var time in new[] { 0.0, 0.7, 1.45 })
        {
            var expected = Draw(cpu, clip, time);
            var actual = Draw(shim, clip, time);
            PixelAssert.Equal(expected, actual, clip.Width, clip.Height, 1, $"{fx} at {time} s, shim vs CPU");
        }
    }

    private static byte[] Draw(IComputeBackend backend, Clip clip, double time)
    {
        using var renderer = new FrameRenderer(backend);
        using var image = renderer.Render(clip, time);
        var pixels = new byte[image.ByteCount];
        backend.Synchronize();
        backend.Download(image, pixels);
        return pixels;
    }
}
