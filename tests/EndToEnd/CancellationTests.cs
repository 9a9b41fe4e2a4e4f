using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Tests.Support;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>RenderJob.RenderVideo cancelled mid-render: it throws OperationCanceledException and leaves nothing behind.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CancellationTests
{
    /// <summary>Cancels on the rendering thread when a given frame has been done, so the test does not race a timer.</summary>
    private sealed class CancelAtFrame(long frame, CancellationTokenSource source) : IProgress<RenderProgress>
    {
        public long Reported { get; private set; }

        public void Report(RenderProgress value)
        {
            Reported = value.FramesDone;
            if (value.FramesDone == frame) source.Cancel();
        }
    }

    [SkippableFact]
    public void Cancelled_at_frame_10_leaves_no_output_no_temporary_file_no_ffmpeg()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("cancel");
        var output = folder["cancel.mp4"];
        var video = new VideoOutput(Color(320, 240, "red").WithDuration(60), output, new FrameRate(30), new EncoderSettings(Preset: "slow"));
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelAtFrame(10, cancellation);
        using var cpu = new CpuBackend();

        Assert.ThrowsAny<OperationCanceledException>(() => RenderJob.RenderVideo(video, cpu, null, progress, cancellation.Token));

        Assert.InRange(progress.Reported, 10, 1799);
        Assert.False(File.Exists(output));
        Assert.Empty(folder.Files());
        ChildProcesses.AssertNoFfmpegChild(folder.Path);
    }

    [SkippableFact]
    public void Cancelled_while_decoding_a_video_stops_the_decoder_too()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("cancel");
        var source = TestMedia.TestSrc2(folder["src.mp4"], 320, 240, seconds: 20);
        var output = folder["cancel.mp4"];
        var clip = Composite(320, 240, Color(320, 240, "black"), Video(source).Opacity(0.8));
        var video = new VideoOutput(clip, output, new FrameRate(30), new EncoderSettings(Preset: "slow"));
        using var cancellation = new CancellationTokenSource();
        using var cpu = new CpuBackend();

        Assert.ThrowsAny<OperationCanceledException>(() => RenderJob.RenderVideo(video, cpu, null, new CancelAtFrame(30, cancellation), cancellation.Token));

        Assert.Equal(["src.mp4"], folder.Files());
        ChildProcesses.AssertNoFfmpegChild(folder.Path);
    }

    [SkippableFact]
    public void Already_cancelled_starts_nothing()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("cancel");
        var output = folder["cancel.mp4"];
        var video = new VideoOutput(Color(320, 240, "red").WithDuration(2), output, new FrameRate(30), new EncoderSettings(Preset: "ultrafast"));
        using var cpu = new CpuBackend();

        Assert.ThrowsAny<OperationCanceledException>(() => RenderJob.RenderVideo(video, cpu, null, null, new CancellationToken(canceled: true)));

        Assert.Empty(folder.Files());
        ChildProcesses.AssertNoFfmpegChild(folder.Path);
    }

    [SkippableFact]
    public void Not_cancelled_writes_the_whole_file()
    {
        // The control for the tests above: the same path completes with every frame.
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("cancel");
        var output = folder["done.mp4"];
        var video = new VideoOutput(Color(320, 240, "red").WithDuration(1), output, new FrameRate(30), new EncoderSettings(Preset: "ultrafast"));
        using var cpu = new CpuBackend();
        var summary = RenderJob.RenderVideo(video, cpu);
        Assert.Equal(30, summary.Frames);
        Assert.Equal(30, MediaProbeTool.Probe(output).FrameCount);
        Assert.Equal(["done.mp4"], folder.Files());
        ChildProcesses.AssertNoFfmpegChild(folder.Path);
    }
}
