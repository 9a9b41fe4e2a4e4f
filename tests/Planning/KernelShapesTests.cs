using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Planning;

/// <summary>Compile ahead: a render hands its backend every fused shape it will use before frame 0, planned only when asked for.</summary>
public sealed class KernelShapesTests
{
    private static Clip Scene(Func<double, (double X, double Y)>? position = null) =>
        Composite(64, 36,
            Color(64, 36, "#102030"),
            Color(16, 16, "red").WithDuration(2).FadeIn(0.5).At(position ?? (t => (4 * t, 8))),
            Color(16, 16, "lime").WithStart(1).WithDuration(2).Blend("screen").At(30, 10)).WithDuration(3);

    [Fact]
    public void The_shapes_are_the_planners_needs_planned_only_when_enumerated()
    {
        var fps = new FrameRate(10);
        var expected = new FramePlanner().Needs(Scene(), fps, 0, 30, PipeFormat.I420).Shapes;
        Assert.Equal(expected.OrderBy(s => s.ToString()), KernelShapes.Of(Scene(), fps, 0, 30, PipeFormat.I420).Select(s => new ValueList<LayerShape>(s)).OrderBy(s => s.ToString()));

        var planned = 0;
        var lazy = KernelShapes.Of(Scene(t => { planned++; return (t, 0); }), fps, 0, 30, PipeFormat.I420);
        Assert.Equal(0, planned);
        Assert.NotEmpty(lazy.ToArray());
        Assert.True(planned > 0);
    }

    [SkippableFact]
    public void A_render_prepares_every_shape_it_then_uses_before_the_first_frame()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("prepare");
        using var backend = new ShapeRecordingBackend();

        RenderJob.RenderVideo(new VideoOutput(Scene(), folder["out.mp4"], new FrameRate(10), new EncoderSettings(Preset: "ultrafast")), backend);

        Assert.NotEmpty(backend.Shapes);
        Assert.Equal(backend.Shapes.OrderBy(s => s.ToString()), backend.Prepared.Distinct().OrderBy(s => s.ToString()));
    }
}
