using System.Globalization;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Transitions;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using static ScriptComposer.Dsl.Clips;
using static ScriptComposer.Tests.Planning.RandomScenes;

namespace ScriptComposer.Tests.Planning;

/// <summary>
/// Random compositions whose layers come in with transitions (of every kind, a user's included, several at once, in nested
/// composites, over translucent backgrounds), planned and executed, against the <see cref="ReferenceRenderer"/>'s plain reading:
/// byte for byte, in RGBA and I420, drawn whole and drawn after the previous frame.
/// </summary>
public sealed class TransitionPlanPropertyTests
{
    private const int Scenes = 60;

    private static readonly string[] Colors = ["red", "#20a0ff", "white", "#00000080", "yellow", "#336699c0", "transparent"];

    private static readonly TransitionEffect Diagonal = new(cpu: (a, b, x, y, p) => x + y < p * 60 ? b : new Float4(a.X, a.Y, a.Z * 0.5f, a.W), name: "diagonal");

    [Fact]
    public void Planned_transitions_are_the_bytes_of_the_plain_reading()
    {
        using var backend = new CpuBackend();
        var reference = new ReferenceRenderer(backend);
        using var renderer = new FrameRenderer(backend);
        var transitions = 0;
        for (var seed = 0; seed < Scenes; seed++)
        {
            var random = new Random(seed);
            var scene = RandomScene(random, depth: 0, random.Next(8, 60), random.Next(6, 50));
            for (var step = 0; step < 6; step++)
            {
                var time = Math.Round(random.NextDouble() * 4, 3);
                var plan = renderer.Planner.Plan(scene, time, PipeFormat.Rgba);
                if (Contains<TransitionNode>(plan.Picture)) transitions++;
                var where = string.Create(CultureInfo.InvariantCulture, $"scene {seed} ({scene.Width}x{scene.Height}) at {time} s");
                using var planned = renderer.Render(scene, time);
                using var expected = reference.Picture(scene, time);
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
                Assert.True(expectedYuv.AsSpan().SequenceEqual(yuv), $"{where}: the I420 frame differs from the plain reading's");
            }
        }
        Assert.True(transitions > 60, $"only {transitions} of the frames had a transition under way");
    }

    [Theory]
    [InlineData(PipeFormat.Rgba)]
    [InlineData(PipeFormat.I420)]
    public void Transitions_drawn_after_the_previous_frame_are_the_bytes_of_frames_drawn_whole(PipeFormat format)
    {
        using var backend = new CpuBackend();
        using var whole = new FrameRenderer(backend);
        using var after = new FrameRenderer(backend);
        for (var seed = 0; seed < Scenes / 2; seed++)
        {
            var random = new Random(1000 + seed);
            var scene = RandomScene(random, depth: 0, random.Next(8, 60), random.Next(6, 50));
            var bytes = format == PipeFormat.I420 ? new Yuv420Layout(scene.Width, scene.Height).TotalBytes : scene.Width * scene.Height * 4;
            byte[]? previous = null;
            for (var frame = 0; frame < 40; frame += random.Next(1, 4))
            {
                var plan = after.Planner.Plan(scene, frame / 10.0, format);
                var expected = new byte[bytes];
                whole.Execute(plan, expected);
                var actual = new byte[bytes];
                random.NextBytes(actual);
                after.ExecuteAfter(plan, actual, previous);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"scene {seed} at frame {frame} ({format}): drawn after the last, the frame differs");
                previous = actual;
            }
        }
    }

    [Fact]
    public void A_transitions_frame_plans_as_a_value_with_its_progress()
    {
        var a = Color(16, 8, "red").WithDuration(2);
        var b = Color(16, 8, "blue").WithDuration(2);
        var clip = Concatenate([a, b], transition: Transition.WipeLeft(1));
        var planner = new FramePlanner();
        var plan = planner.Plan(clip, 1.25, PipeFormat.Rgba);
        var node = Assert.IsType<TransitionNode>(Assert.Single(Assert.IsType<CompositeNode>(plan.Picture).Layers).Picture);
        Assert.Equal(0.25f, node.Progress);
        Assert.Equal(Transition.WipeLeft(1), node.Transition);
        Assert.Single(Assert.IsType<CompositeNode>(node.From).Layers);
        Assert.Equal(2, Assert.IsType<CompositeNode>(node.To).Layers.Count);
        Assert.Equal(plan, new FramePlanner().Plan(clip, 1.25, PipeFormat.Rgba));
        Assert.NotEqual(plan, planner.Plan(clip, 1.5, PipeFormat.Rgba));
        Assert.NotEqual(plan, planner.Plan(Concatenate([a, b], transition: Transition.WipeRight(1)), 1.25, PipeFormat.Rgba));
        Assert.False(Contains<TransitionNode>(planner.Plan(clip, 0.99, PipeFormat.Rgba).Picture));
        Assert.False(Contains<TransitionNode>(planner.Plan(clip, 2.0, PipeFormat.Rgba).Picture));

        var i420 = planner.Plan(clip, 1.25, PipeFormat.I420);
        Assert.Equal(PlanarRefusal.Transition, i420.RgbaBecause);
        Assert.Equal("a layer is coming in with a transition", i420.Reason);

        var needs = planner.Needs(clip, new FrameRate(10, 1), 0, 30, PipeFormat.Rgba);
        Assert.Contains(needs.Shapes, s => s.Count == 2); // the "to" side's two layers, compiled ahead like any other pass
    }

    private static bool Contains<T>(PlanNode node) where T : PlanNode => node switch
    {
        T => true,
        CompositeNode composite => composite.Layers.Any(l => Contains<T>(l.Picture)),
        TransitionNode t => Contains<T>(t.From) || Contains<T>(t.To),
        FadeNode fade => Contains<T>(fade.Inner),
        _ => false,
    };

    private static Clip RandomScene(Random random, int depth, int width, int height)
    {
        var layers = new List<Clip>();
        var count = random.Next(1, depth == 0 ? 6 : 3);
        for (var i = 0; i < count; i++)
        {
            Clip clip = random.Next(depth == 0 ? 4 : 3) switch
            {
                0 => Color(random.Next(1, width + 6), random.Next(1, height + 6), Pick(random, Colors)),
                1 => Gradient.Linear(width, height, (0, 0), (width, height), Pick(random, Colors), Pick(random, Colors)),
                2 => Drawn(random.Next(1, width + 6), random.Next(1, height + 6), random.Next()),
                _ => RandomScene(random, depth + 1, random.Next(4, width + 1), random.Next(4, height + 1)),
            };
            var duration = Math.Round(0.8 + random.NextDouble() * 2.5, 2);
            clip = clip.WithStart(Math.Round(random.NextDouble() * 2, 2)).WithDuration(duration).At(random.Next(-8, width), random.Next(-8, height));
            if (random.Next(3) == 0) clip = clip.FadeOut(0.4);
            if (random.Next(4) == 0) clip = clip.Opacity(0.7);
            if (random.Next(4) != 0) clip = clip.TransitionIn(RandomTransition(random, Math.Min(duration, Math.Round(0.2 + random.NextDouble() * 1.5, 2))));
            layers.Add(clip);
        }
        return Composite(width, height, layers, Pick(random, Colors)).WithDuration(5);
    }

    private static Transition RandomTransition(Random random, double seconds) => random.Next(6) switch
    {
        0 => Transition.Custom(seconds, Diagonal),
        1 => Transition.FadeThrough(seconds, Pick(random, Colors)),
        2 => Transition.RectCrop(seconds, Pick(random, Colors)),
        _ => Transition.Named(Pick(random, [.. Transition.KnownNames, "fadeblack", "fadewhite"]), seconds),
    };
}
