using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Animation;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu;
using ScriptComposer.Tests.Dsl;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// Parameters that change over time, drawn through the planner and the renderer on the backend under test: each moment is the
/// constant operation with that moment's value as the CPU draws it (within ±1), and the sizes and positions are exact.
/// </summary>
public abstract partial class BackendSuite
{
    /// <summary>An 8x6 still of varied colours, lasting 2 s.</summary>
    private static Clip AnimatedSubject() =>
        Gradient.Linear(8, 6, from: (0, 0), to: (8, 6), "#ff2040", "#20ffc0").WithDuration(2);

    [SkippableTheory]
    [InlineData("brightness")]
    [InlineData("contrast")]
    [InlineData("saturation")]
    [InlineData("gamma")]
    [InlineData("colorx")]
    [InlineData("blur")]
    [InlineData("chromakey")]
    public void Animated_effect_is_the_constant_effect_of_the_moment(string effect)
    {
        foreach (var t in new[] { 0.0, 1.3 })
        {
            var animated = AnimatedParameterTests.Animate(AnimatedSubject(), effect, time => AnimatedParameterTests.Value(effect, time));
            var constant = AnimatedParameterTests.Constant(AnimatedSubject(), effect, AnimatedParameterTests.Value(effect, t));
            AssertClose(RenderOn(Reference, constant, t), RenderOn(Backend, animated, t), $"{effect} at {t} s");
        }
    }

    [SkippableFact]
    public void Animated_geometry_is_the_constant_geometry_of_the_moment()
    {
        var zoom = AnimatedSubject().Resize(scale: t => 1 + 0.5 * t);
        Assert.Equal((16, 12), (zoom.Width, zoom.Height));
        var zoomAtOne = AnimatedSubject().Resize(12, 9).Margin(left: 2, right: 2, top: 1, bottom: 2, color: "transparent");
        AssertClose(RenderOn(Reference, zoomAtOne, 1), RenderOn(Backend, zoom, 1), "zoom at 1 s");

        var pan = AnimatedSubject().CropCenter(t => (3 + t, 3), 4, 4);
        AssertClose(RenderOn(Reference, AnimatedSubject().Crop(2, 1, 6, 5), 1), RenderOn(Backend, pan, 1), "pan at 1 s");

        var framed = AnimatedSubject().Margin(new Keyframes((0, 0.0), (2, 2.0)), color: "white");
        Assert.Equal((12, 10), (framed.Width, framed.Height));
        var framedAtOne = AnimatedSubject().Margin(1, color: "white").Margin(1, color: "transparent");
        AssertClose(RenderOn(Reference, framedAtOne, 1), RenderOn(Backend, framed, 1), "margin at 1 s");
    }

    /// <summary>A Map runs on the host whatever the backend: the frame comes down, the C# runs, and it goes back up unchanged in meaning.</summary>
    [SkippableFact]
    public void Map_runs_the_script_on_the_frame_and_uploads_it()
    {
        var mapped = AnimatedSubject().Opacity(0.5).Map((t, image) =>
        {
            for (var y = 0; y < image.Height; y++)
            {
                var row = image.Row(y);
                for (var x = 0; x < row.Length; x++)
                    row[x] = x == y ? new Rgba(0, (byte)(100 * t), 255) : row[x] with { R = (byte)(255 - row[x].R) };
            }
            return image;
        });
        var drawn = RenderOn(Backend, mapped, 1.5);
        AssertClose(RenderOn(Reference, mapped, 1.5), drawn, "map at 1.5 s");
        Assert.Equal([0, 150, 255, 255], drawn.AsSpan((2 * 8 + 2) * 4, 4).ToArray());

        var mappedTime = AnimatedSubject().Brightness(t => 0.1 * t).MapTime(t => 2 - t);
        AssertClose(RenderOn(Reference, AnimatedSubject().Brightness(0.15), 0), RenderOn(Backend, mappedTime, 0.5), "MapTime at 0.5 s");
    }

    private static byte[] RenderOn(IComputeBackend backend, Clip clip, double time)
    {
        using var renderer = new FrameRenderer(backend);
        using var image = renderer.Render(clip, time);
        var pixels = new byte[image.ByteCount];
        backend.Download(image, pixels);
        return pixels;
    }

    private static void AssertClose(byte[] expected, byte[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > 1)
                Assert.Fail($"{what}: byte {i} (pixel {i / 4}, channel {i % 4}) is {actual[i]}, expected {expected[i]} ±1");
        }
    }
}
