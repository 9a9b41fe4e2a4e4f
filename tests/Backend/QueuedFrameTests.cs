using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Tests.Kernels;
using ScriptComposer.Tests.Support;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// Frames leave the device without the render thread waiting: into host frames rented from the CUDA backend the copy is queued
/// behind the frame's kernels, and whoever reads the frame waits for a fence first. The shim lands a queued copy only when a
/// fence after it is waited for (until then the frame reads as garbage), so a reader that skips the wait fails here.
/// </summary>
public sealed class QueuedFrameTests
{
    private const byte NotYetCopied = 0x5A;

    [SkippableFact]
    public void A_copy_into_a_rented_frame_is_queued_and_a_frame_given_back_is_lent_again()
    {
        var runtime = new ShimRuntime(ShimHarness.Get());
        using var backend = new CudaBackend(runtime);
        using var image = backend.Allocate(8, 6);
        backend.Fill(image, new Gpu.Rgba(10, 200, 30));
        var plain = new byte[8 * 6 * 4];

        backend.Download(image, plain);
        Assert.Equal(0, runtime.QueuedCopies); // plain memory: copied before the call returned
        Assert.Equal([10, 200, 30, 255], plain[..4]);

        var frame = backend.RentHostFrame(plain.Length);
        backend.Download(image, frame.Span);
        Assert.Equal(1, runtime.QueuedCopies);
        using (var fence = backend.Fence())
        {
            Assert.True(frame.Span.IndexOfAnyExcept(NotYetCopied) < 0, "The frame should not hold the copy before its fence.");
            fence.Wait();
            Assert.True(plain.AsSpan().SequenceEqual(frame.Span), "The rented frame after its fence differs from the copy into plain memory.");
        }
        backend.ReturnHostFrame(frame);
        Assert.True(frame.Equals(backend.RentHostFrame(plain.Length)), "A frame given back is lent again.");
        Assert.False(frame.Equals(backend.RentHostFrame(plain.Length)), "A frame is lent to one borrower at a time.");
        Assert.Equal(0, runtime.EventsInUse);
    }

    [SkippableFact]
    public void Fences_wait_for_their_own_frame_only_and_any_thread_may_wait()
    {
        var runtime = new ShimRuntime(ShimHarness.Get());
        using var backend = new CudaBackend(runtime);
        using var red = backend.Allocate(4, 4);
        using var blue = backend.Allocate(4, 4);
        backend.Fill(red, new Gpu.Rgba(255, 0, 0));
        backend.Fill(blue, new Gpu.Rgba(0, 0, 255));
        var first = backend.RentHostFrame(64);
        var second = backend.RentHostFrame(64);
        Assert.False(first.Equals(second));

        backend.Download(red, first.Span);
        using var firstCopied = backend.Fence();
        backend.Download(blue, second.Span);
        using var secondCopied = backend.Fence();

        Task.Run(firstCopied.Wait).GetAwaiter().GetResult();
        Assert.Equal([255, 0, 0, 255], first.Span[..4].ToArray());
        Assert.True(second.Span.IndexOfAnyExcept(NotYetCopied) < 0, "The second frame's copy is queued after the first fence.");
        secondCopied.Wait();
        Assert.Equal([0, 0, 255, 255], second.Span[..4].ToArray());
    }

    [SkippableFact]
    public void A_render_on_the_shim_hands_its_frames_over_with_fences_and_gives_the_cpus_pictures()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("queued");
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=64x48:r=10:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", folder["v.mp4"]);
        // Video mixed in I420, a box moving over a still background (drawn where it moved, over a copy of the last frame), then a
        // still stretch (the last frame again): every way a frame is made from the previous one reads a frame whose copy was queued.
        var clip = Concatenate([
            Composite(64, 48, Color(64, 48, "#203040"), Video(folder["v.mp4"])).WithDuration(0.5),
            Composite(64, 48, Color(64, 48, "#102030"), Color(12, 12, "orange").At(t => (4 + 40 * t, 10)).WithDuration(1)).WithDuration(1),
            Color(64, 48, "teal").WithDuration(0.5),
        ]);
        var runtime = new ShimRuntime(ShimHarness.Get());
        using var shim = new CudaBackend(runtime);
        using var cpu = new CpuBackend();

        var expected = Render(clip, cpu, folder["cpu.mkv"]);
        var actual = Render(clip, shim, folder["shim.mkv"]);

        Assert.Equal(20, expected.Length / Yuv420Bytes);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1,
                $"Frame {i / Yuv420Bytes}, byte {i % Yuv420Bytes}: {actual[i]} on the shim, {expected[i]} on the CPU.");
        Assert.InRange(runtime.QueuedCopies, 1, 20);
        Assert.Equal(0, runtime.EventsInUse);
    }

    private const int Yuv420Bytes = 64 * 48 * 3 / 2;

    /// <summary>Renders losslessly and decodes the frames back, as raw I420.</summary>
    private static byte[] Render(Clip clip, IComputeBackend backend, string path)
    {
        var settings = new EncoderSettings(Preset: "ultrafast", ExtraArguments: ["-qp", "0"]);
        RenderJob.RenderVideo(new VideoOutput(clip, path, new FrameRate(10), settings), backend);
        var decoded = ToolRunner.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-i", path, "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"]);
        Assert.True(decoded.ExitCode == 0, $"ffmpeg could not decode {path}: {decoded.Stderr}");
        return decoded.Stdout;
    }
}
