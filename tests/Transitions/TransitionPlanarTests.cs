using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Transitions;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Transitions;

/// <summary>
/// Video joined by transitions: frames during a transition take the RGBA path (saying why), the others stay planar, and a
/// group of titles coming in with a transition is not taken apart into its layers (which would lose the transition).
/// </summary>
public sealed class TransitionPlanarTests : IDisposable
{
    private const int W = 64, H = 48;
    private readonly TempFolder _folder = new("transition-planar");

    public void Dispose() => _folder.Dispose();

    private string Video(string name, string color)
    {
        ToolRunner.RequireFfmpeg();
        var path = _folder[name];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", $"color=c={color}:s={W}x{H}:r=10:d=3", "-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p",
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv", path);
        return path;
    }

    [SkippableFact]
    public void Only_the_frames_of_a_transition_leave_the_planar_path()
    {
        var joined = Clips.Concatenate([Clips.Video(Video("a.mp4", "red")), Clips.Video(Video("b.mp4", "blue"))], transition: Transition.WipeLeft(1));
        Assert.Equal(5, joined.Duration!.Value, 9);
        var planner = new FramePlanner();
        Assert.True(planner.Plan(joined, 1.5, PipeFormat.I420).IsPlanar);
        Assert.Equal(PlanarRefusal.Transition, planner.Plan(joined, 2.5, PipeFormat.I420).RgbaBecause);
        Assert.True(planner.Plan(joined, 3.5, PipeFormat.I420).IsPlanar);

        using var backend = new CpuBackend();
        using var renderer = new FrameRenderer(backend);
        var yuv = new byte[new Yuv420Layout(W, H).TotalBytes];
        renderer.RenderToPipe(joined, 2.5, PipeFormat.I420, yuv);
        // Halfway through the wipe left: the left half is still red (low Y, high V), the right half blue (high U).
        var (left, right) = (yuv[H / 2 * W + 4], yuv[H / 2 * W + W - 4]);
        var uOffset = W * H;
        Assert.True(yuv[uOffset + (H / 4) * (W / 2) + W / 2 - 2] > 200, "the right half should be blue");
        Assert.True(yuv[uOffset + (H / 4) * (W / 2) + 2] < 128, "the left half should be red");
        Assert.NotEqual(left, right);
    }

    [SkippableFact]
    public void A_group_coming_in_with_a_transition_is_not_taken_apart()
    {
        var video = Clips.Video(Video("v.mp4", "gray"));
        var titles = Clips.Composite(W, H, [Clips.Color(20, 10, "white").At(4, 4)], "transparent").WithStart(1).WithDuration(1.5);
        var scene = Clips.Composite(W, H, video, titles.TransitionIn(Transition.CircleOpen(1))).WithDuration(3);
        var planner = new FramePlanner();
        Assert.Equal(PlanarRefusal.Transition, planner.Plan(scene, 1.5, PipeFormat.I420).RgbaBecause);
        Assert.True(planner.Plan(scene, 2.2, PipeFormat.I420).IsPlanar);
    }
}
