using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// <c>-o null</c> renders every frame and writes nothing; a frame whose plan is the previous frame's is copied, with the
/// bytes a drawn frame would have.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class NullOutputAndRepeatTests
{
    [SkippableFact]
    public async Task A_null_output_renders_every_frame_and_writes_nothing()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("null-output");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "scene.csx", """
            var scene = Composite(64, 48, Color(64, 48, "navy"), Color(16, 16, "orange").At(t => (40 * t, 8)), Tone(440, 1)).WithDuration(1);
            Render(scene, "scene.mp4", fps: 30);
            SaveFrame(scene, 0.5, "frame.png");
            """, "-o", "null");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Rendered 30 frames (1 s of video)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("null output, nothing written", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrote", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["scene.csx"], folder.Files());
    }

    [SkippableFact]
    public async Task Frames_that_repeat_their_plan_are_copied_with_the_bytes_of_a_drawn_frame()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("repeat");
        Directory.CreateDirectory(folder["seq"]);
        // Still for the first half second, moving after, fading out at the end: runs of equal plans and of changing ones.
        const string Scene = """
            Composite(48, 32, Gradient.Linear(48, 32, (0, 0), (48, 32), "navy", "orange"),
                Color(12, 12, "#ff000080").At(t => (t < 0.5 ? 4 : 4 + 40 * (t - 0.5), 6)),
                Color(48, 4, "white").WithStart(0.3).WithDuration(0.5)).WithDuration(1).FadeOut(0.3)
            """;
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "repeat.csx", $"Render({Scene}, \"seq/f_%02d.png\", fps: 20);", "--verbose");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("frames repeated the frame before them and were copied", result.Stdout, StringComparison.Ordinal);

        var clip = (Clip)Composite(48, 32,
            Gradient.Linear(48, 32, (0, 0), (48, 32), "navy", "orange"),
            Color(12, 12, "#ff000080").At(t => (t < 0.5 ? 4 : 4 + 40 * (t - 0.5), 6)),
            Color(48, 4, "white").WithStart(0.3).WithDuration(0.5)).WithDuration(1).FadeOut(0.3);
        var fps = new FrameRate(20);
        using var backend = new CpuBackend();
        for (var i = 0; i < 20; i++)
        {
            // A fresh renderer per frame: nothing carried over from the frame before.
            using var renderer = new FrameRenderer(backend);
            var drawn = new byte[48 * 32 * 4];
            renderer.RenderToPipe(clip, fps.TimeOf(i), PipeFormat.Rgba, drawn);
            var png = RgbaImage.LoadPng(folder[$"seq/f_{i:00}.png"]);
            for (var p = 0; p < 48 * 32; p++)
            {
                var (x, y) = (p % 48, p / 48);
                Assert.True(png[x, y].R == drawn[p * 4] && png[x, y].G == drawn[p * 4 + 1] && png[x, y].B == drawn[p * 4 + 2],
                    $"frame {i}, pixel ({x}, {y}): {png[x, y]} in the file, ({drawn[p * 4]}, {drawn[p * 4 + 1]}, {drawn[p * 4 + 2]}) drawn");
            }
        }
    }

    private static CompositeClip Composite(int width, int height, params Clip[] clips) => Clips.Composite(width, height, clips);

    private static Clip Color(int width, int height, string color) => Clips.Color(width, height, color);
}
