using System.Globalization;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using static ScriptComposer.Dsl.Clips;
using static ScriptComposer.Tests.Planning.RandomScenes;

namespace ScriptComposer.Tests.Planning;

/// <summary>
/// moviepy's fx in random compositions, planned and executed against the <see cref="ReferenceRenderer"/>'s plain reading, byte for
/// byte in RGBA and I420, and drawn after the last frame as a render draws them; and what the planner makes of each.
/// </summary>
public sealed class MoviepyFxPlanTests
{
    private const int Scenes = 40;

    private static readonly string[] Colors = ["red", "#20a0ff", "white", "#00000080", "yellow", "#336699c0", "black"];

    [Fact]
    public void Planned_fx_frames_are_the_bytes_of_the_plain_reading()
    {
        using var backend = new CpuBackend();
        var reference = new ReferenceRenderer(backend);
        using var renderer = new FrameRenderer(backend);
        for (var seed = 0; seed < Scenes; seed++)
        {
            var random = new Random(seed);
            var scene = RandomScene(random);
            foreach (var time in new[] { 0, Math.Round(random.NextDouble() * 3, 3), Math.Round(random.NextDouble() * 3, 3) })
            {
                var where = string.Create(CultureInfo.InvariantCulture, $"fx scene {seed} at {time} s");
                using var planned = renderer.Render(scene, time);
                using var expected = reference.Picture(scene, time);
                Assert.Equal((expected.Width, expected.Height), (planned.Width, planned.Height));
                var a = new byte[expected.ByteCount];
                var b = new byte[planned.ByteCount];
                backend.Download(expected, a);
                backend.Download(planned, b);
                var first = a.AsSpan().CommonPrefixLength(b);
                Assert.True(first == a.Length, $"{where}: first difference at byte {first}");

                var yuv = new byte[new Yuv420Layout(scene.Width, scene.Height).TotalBytes];
                var expectedYuv = new byte[yuv.Length];
                renderer.RenderToPipe(scene, time, PipeFormat.I420, yuv);
                backend.ConvertToYuv420(expected, expectedYuv);
                Assert.True(expectedYuv.AsSpan().SequenceEqual(yuv), $"{where}: the I420 frame differs");
            }
        }
    }

    [Fact]
    public void Fx_frames_drawn_after_the_last_are_the_bytes_of_frames_drawn_whole()
    {
        using var backend = new CpuBackend();
        using var whole = new FrameRenderer(backend);
        using var after = new FrameRenderer(backend);
        for (var seed = 0; seed < Scenes; seed++)
        {
            var random = new Random(seed);
            var scene = RandomScene(random);
            var bytes = scene.Width * scene.Height * 4;
            byte[]? previous = null;
            for (var step = 0; step < 8; step++)
            {
                var time = step / 10.0;
                var plan = after.Planner.Plan(scene, time, PipeFormat.Rgba);
                var expected = new byte[bytes];
                whole.Execute(plan, expected);
                var actual = new byte[bytes];
                random.NextBytes(actual);
                after.ExecuteAfter(plan, actual, previous);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"fx scene {seed} at {time} s differs when drawn after the last frame");
                previous = actual;
            }
        }
    }

    [Fact]
    public void Every_fx_plans_as_the_nodes_it_is_made_of()
    {
        var planner = new FramePlanner();
        var red = Color(8, 6, "red").WithDuration(2);
        var gray = Color(8, 6, "gray").WithDuration(2);
        Assert.IsType<MinMaxNode>(planner.Picture(red.MaskAnd(gray), 0.5));
        Assert.True(((MinMaxNode)planner.Picture(red.MaskOr(gray), 0.5)).Maximum);
        var average = Assert.IsType<AverageNode>(planner.Picture(Drawn(8, 6, 1, 3).Supersample(0.1, 5), 1));
        Assert.Equal(5, average.Frames.Count);
        var place = Assert.IsType<PlaceNode>(planner.Picture(Drawn(40, 30, 2, 3).Scroll(10, 10, xSpeed: 4, ySpeed: 2), 2));
        Assert.Equal((-8, -4, 10, 10), (place.X, place.Y, place.Width, place.Height));
        Assert.IsType<EffectNode>(planner.Picture(red.LumContrast(10, 0.5), 0));
        Assert.IsType<EffectNode>(planner.Picture(red.Painting(), 0));

        // Every frame of a range plans, and the range's needs cover every fx.
        var scene = Composite(16, 12, [Drawn(16, 12, 3, 3).AccelDecel(3).TimeSymmetrize().Supersample(0.05, 3).Painting().Scroll(12, 8, xSpeed: 1)], "black");
        var needs = planner.Needs(scene, new FrameRate(10), 0, 60, PipeFormat.I420);
        Assert.Equal(60, needs.Frames);
    }

    private static Clip RandomScene(Random random)
    {
        var (width, height) = (random.Next(8, 40), random.Next(6, 30));
        var layers = new List<Clip>();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var layer = RandomFx(random, Drawn(width, height, random.Next(), 3));
            if (random.Next(2) == 0) layer = RandomFx(random, layer);
            var (x, y) = (random.Next(-4, width / 2), random.Next(-4, height / 2));
            layers.Add(layer.WithStart(random.Next(3) == 0 ? 0.5 : 0).At(x, y));
        }
        return Composite(width, height, layers, Colors[random.Next(Colors.Length)]).WithDuration(4);
    }

    private static Clip RandomFx(Random random, Clip clip) => random.Next(14) switch
    {
        0 => clip.AccelDecel(Math.Round(1 + random.NextDouble() * 3, 2), random.NextDouble() * 2 - 0.5, 0.5 + random.NextDouble()),
        1 => clip.Blink(0.3, 0.2),
        2 => clip.Width > 2 && clip.Height > 2 ? clip.Crop(0, 0, clip.Width - 1, clip.Height - 1).EvenSize() : clip.EvenSize(),
        3 => clip.FreezeRegion(0.5, region: (1, 1, Math.Max(2, clip.Width / 2), Math.Max(2, clip.Height / 2))),
        4 => clip.FreezeRegion(0.25, outsideRegion: (0, 0, Math.Max(1, clip.Width / 3), clip.Height)),
        5 => clip.HeadBlur(t => (clip.Width / 2.0 + 3 * t, clip.Height / 2.0), Math.Max(1, clip.Height / 3)),
        6 => clip.LumContrast(random.Next(-60, 60), Math.Round(random.NextDouble() * 2 - 0.5, 2), random.Next(0, 256)),
        7 => clip.MakeLoopable(0.5),
        8 => clip.MaskAnd(Drawn(clip.Width, clip.Height, random.Next(), 10)),
        9 => clip.MaskOr(Gradient.Linear(clip.Width, clip.Height, (0, 0), (clip.Width, 0), "black", "white")),
        10 => clip.Painting(1 + random.NextDouble(), 0.01),
        11 => clip.Scroll(Math.Max(1, clip.Width - 3), Math.Max(1, clip.Height - 2), xSpeed: 2, ySpeed: 1, xStart: 1),
        12 => clip.Supersample(Math.Round(random.NextDouble() * 0.2, 3), random.Next(1, 6)),
        _ => clip.TimeSymmetrize(),
    };
}
