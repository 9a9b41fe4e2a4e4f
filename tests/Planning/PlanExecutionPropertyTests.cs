using System.Globalization;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Animation;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using static ScriptComposer.Dsl.Clips;
using static ScriptComposer.Tests.Planning.RandomScenes;

namespace ScriptComposer.Tests.Planning;

/// <summary>
/// Random animated compositions (stills, gradients, drawn frames, fades, crossfades, masks, blend modes, nested composites, crops,
/// resizes, rotations, crops, margins, resizes and color effects that change over time, and frames mapped in C# or on a time function of their own), drawn at random moments by planning and executing, against the <see cref="ReferenceRenderer"/>'s plain
/// reading of the same clips: byte for byte, in RGBA and in I420.
/// </summary>
public sealed class PlanExecutionPropertyTests
{
    private const int Scenes = 100;

    private static readonly string[] Colors = ["red", "#20a0ff", "white", "#00000080", "yellow", "#336699c0", "black"];
    private static readonly string[] Modes = ["normal", "multiply", "screen", "add", "overlay", "darken", "lighten"];

    [Fact]
    public void Planned_frames_are_the_bytes_of_the_plain_reading_of_the_clips()
    {
        using var backend = new CpuBackend();
        var reference = new ReferenceRenderer(backend);
        using var renderer = new FrameRenderer(backend);
        for (var seed = 0; seed < Scenes; seed++)
        {
            var random = new Random(seed);
            var scene = RandomScene(random, depth: 0, random.Next(8, 80), random.Next(6, 60));
            var times = Enumerable.Range(0, 4).Select(_ => Math.Round(random.NextDouble() * 4, 3)).Prepend(0).ToList();
            foreach (var time in times)
            {
                var where = string.Create(CultureInfo.InvariantCulture, $"scene {seed} ({scene.Width}x{scene.Height}) at {time} s");
                using var planned = renderer.Render(scene, time);
                using var expected = reference.Picture(scene, time);
                AssertSameBytes(backend, expected, planned, where);

                var yuv = new byte[new Yuv420Layout(scene.Width, scene.Height).TotalBytes];
                var expectedYuv = new byte[yuv.Length];
                renderer.RenderToPipe(scene, time, PipeFormat.I420, yuv);
                backend.ConvertToYuv420(expected, expectedYuv);
                Assert.True(expectedYuv.AsSpan().SequenceEqual(yuv), $"{where}: the I420 frame differs from the plain reading's");
            }
        }
    }

    private static void AssertSameBytes(IComputeBackend backend, DeviceImage expected, DeviceImage actual, string where)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        var a = new byte[expected.ByteCount];
        var b = new byte[actual.ByteCount];
        backend.Download(expected, a);
        backend.Download(actual, b);
        var first = a.AsSpan().CommonPrefixLength(b);
        Assert.True(first == a.Length,
            first == a.Length ? "" : $"{where}: first difference at pixel {first / 4} ({first / 4 % expected.Width}, {first / 4 / expected.Width}) channel {first % 4}: {a[first]} expected, {b[first]} drawn");
    }

    private static Clip RandomScene(Random random, int depth, int width, int height)
    {
        var layers = new List<Clip>();
        var count = random.Next(depth == 0 ? 0 : 1, depth == 0 ? 7 : 4);
        for (var i = 0; i < count; i++)
            layers.Add(Placed(random, RandomLayer(random, depth, width, height), width, height));
        var background = random.Next(3) == 0 && count > 0 ? "transparent" : Pick(random, Colors);
        return Composite(width, height, layers, background).WithDuration(5);
    }

    private static Clip RandomLayer(Random random, int depth, int canvasWidth, int canvasHeight)
    {
        var width = random.Next(1, canvasWidth + 10);
        var height = random.Next(1, canvasHeight + 10);
        Clip clip = random.Next(depth < 2 ? 5 : 4) switch
        {
            0 => Color(width, height, Pick(random, Colors)),
            1 => Gradient.Linear(width, height, (0, 0), (width, height), Pick(random, Colors), Pick(random, Colors)),
            2 => Gradient.Radial(width, height, (width / 2.0, height / 2.0), Math.Max(width, height) / 2.0, Pick(random, Colors), Pick(random, Colors)),
            3 => Drawn(width, height, random.Next()),
            _ => RandomScene(random, depth + 1, width, height),
        };
        switch (random.Next(15))
        {
            case 13: clip = clip.Map((t, image) => image.Copy().Fill((0, 0, 0, 0)).Blit(image, 1, (int)(2 * t), opacity: 0.8)); break;
            case 14: clip = clip.WithDuration(5).MapTime(t => 4 - t); break;
            case 8: clip = clip.WithDuration(5).Resize(scale: t => 0.5 + 0.3 * t, filter: Pick(random, ["bilinear", "bicubic"])); break;
            case 9 when width > 4: clip = clip.WithDuration(5).Crop(t => ((width - 4) * t / 5, 0, (width - 4) * t / 5 + 4 + t, height - t * (height - 1) / 5.0)); break;
            case 10: clip = clip.WithDuration(5).Margin(t => 3 * t, color: Pick(random, Colors)); break;
            case 11: clip = clip.Brightness(t => 0.4 * t - 0.3).Contrast(new Keyframes((0, 0.5), (2, 1.5))); break;
            case 12: clip = clip.Blur(t => t).ChromaKey("red", t => 60 * t); break;
            case 0: clip = clip.Resize(width: Math.Max(1, width / 2 + 1), filter: Pick(random, ["bilinear", "bicubic", "lanczos"])); break;
            case 1 when width > 2 && height > 2: clip = clip.Crop(1, 1, width - 1, height - 1); break;
            case 2: clip = clip.Rotate(t => 30 * t + 10); break;
            case 3: clip = clip.MirrorX(); break;
            case 4: clip = clip.Margin(2, color: Pick(random, Colors)); break;
            case 5: clip = clip.Brightness(0.2); break;
        }
        if (random.Next(4) == 0)
            clip = clip.WithMask(Gradient.Linear(clip.Width, clip.Height, (0, 0), (clip.Width, 0), "black", "white"));
        if (random.Next(3) == 0)
            clip = clip.Blend(Pick(random, Modes));
        return clip;
    }

    private static Clip Placed(Random random, Clip clip, int width, int height)
    {
        var start = random.Next(3) == 0 ? Math.Round(random.NextDouble() * 2, 2) : 0;
        clip = clip.WithStart(start).WithDuration(Math.Round(0.5 + random.NextDouble() * 3, 2));
        if (random.Next(3) == 0) clip = clip.FadeIn(Math.Round(0.2 + random.NextDouble(), 2), Pick(random, Colors));
        if (random.Next(3) == 0) clip = clip.FadeOut(Math.Round(0.2 + random.NextDouble(), 2));
        if (random.Next(3) == 0) clip = clip.CrossFadeIn(Math.Round(0.2 + random.NextDouble(), 2));
        if (random.Next(4) == 0) clip = clip.Opacity(Math.Round(random.NextDouble(), 2));
        var (x, y) = (random.Next(-10, width), random.Next(-10, height));
        return random.Next(2) == 0 ? clip.At(x, y) : clip.At(t => (x + 7 * t, y - 5 * t));
    }

    [Fact]
    public void Frames_drawn_after_the_last_are_the_bytes_of_frames_drawn_whole()
    {
        using var backend = new CpuBackend();
        using var whole = new FrameRenderer(backend);
        foreach (var format in new[] { PipeFormat.I420, PipeFormat.Rgba, PipeFormat.RgbaStraight })
        {
            using var after = new FrameRenderer(backend);
            for (var seed = 0; seed < Scenes; seed++)
            {
                var random = new Random(seed);
                var scene = RandomScene(random, depth: 0, random.Next(8, 80), random.Next(6, 60));
                var bytes = format == PipeFormat.I420 ? new Yuv420Layout(scene.Width, scene.Height).TotalBytes : scene.Width * scene.Height * 4;
                byte[]? previous = null;
                var time = 0.0;
                for (var step = 0; step < 12; step++)
                {
                    var plan = after.Planner.Plan(scene, time, format);
                    var expected = new byte[bytes];
                    whole.Execute(plan, expected);
                    var actual = new byte[bytes];
                    random.NextBytes(actual); // whatever the buffer held before
                    after.ExecuteAfter(plan, actual, previous);
                    var first = expected.AsSpan().CommonPrefixLength(actual);
                    Assert.True(first == bytes, $"scene {seed} ({scene.Width}x{scene.Height}, {format}) at {time} s: first difference at byte {first}");
                    previous = actual;
                    time = Math.Round(time + random.Next(4) switch { 0 => random.NextDouble(), 1 => 0, _ => 1 / 30.0 }, 4);
                }
            }
            Assert.True(after.PartialFrames > 100, $"{format}: only {after.PartialFrames} frames were drawn in parts");
            Assert.True(after.RepeatedFrames > 50, $"{format}: only {after.RepeatedFrames} frames were repeats");
        }
    }
}
