using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Tests.Dsl;

/// <summary>Renders a clip at a time on the CPU backend and reads pixels back (RGBA8 premultiplied).</summary>
internal sealed class CpuRender
{
    private CpuRender(byte[] pixels, int width, int height)
    {
        Pixels = pixels;
        Width = width;
        Height = height;
    }

    public byte[] Pixels { get; }
    public int Width { get; }
    public int Height { get; }

    public static CpuRender At(Clip clip, double time)
    {
        using var backend = new CpuBackend();
        using var renderer = new FrameRenderer(backend);
        using var image = renderer.Render(clip, time);
        var pixels = new byte[image.ByteCount];
        backend.Download(image, pixels);
        return new CpuRender(pixels, image.Width, image.Height);
    }

    public (int R, int G, int B, int A) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 4;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]);
        }
    }

    public void AssertPixel(int x, int y, (int R, int G, int B, int A) expected, int tolerance = 1)
    {
        var actual = this[x, y];
        var ok = Math.Abs(actual.R - expected.R) <= tolerance && Math.Abs(actual.G - expected.G) <= tolerance &&
                 Math.Abs(actual.B - expected.B) <= tolerance && Math.Abs(actual.A - expected.A) <= tolerance;
        Assert.True(ok, $"pixel ({x}, {y}) is {actual}, expected {expected} ±{tolerance}");
    }

    /// <summary>A 2x2 clip that acts as a 30 fps source: its red channel is the index of the source frame showing at the time it is drawn for.</summary>
    public static Clip FrameCounter(double duration) => Clips.Frames(2, 2, duration, (t, rgba) =>
    {
        var value = (byte)new FrameRate(30).FrameAt(t);
        for (var i = 0; i < rgba.Length; i += 4)
        {
            rgba[i] = value;
            rgba[i + 3] = 255;
        }
    });
}
