
namespace ScriptComposer.Tests.Backend;

/// <summary>moviepy's pixel fx on every backend: agreement with the CPU twins, and moviepy's own arithmetic computed here.</summary>
public abstract partial class BackendSuite
{
    [SkippableTheory]
    [InlineData(0f, 0f, 127f)]
    [InlineData(20.5f, 0.25f, 127f)]
    [InlineData(-40f, 1.5f, 100f)]
    [InlineData(10f, -0.5f, 64f)]
    public void Lum_contrast_agrees_with_cpu(float lum, float contrast, float threshold)
    {
        AgreesWithCpu($"LumContrast({lum}, {contrast}, {threshold})", [(W, H, RandomPremultiplied(W, H))], (b, i) => b.LumContrast(i[0], lum, contrast, threshold));
    }

    [SkippableTheory]
    [InlineData(20.5f, 0.25f, 127f)]
    [InlineData(-40f, 1.5f, 100f)]
    [InlineData(10f, -0.5f, 64f)]
    [InlineData(300f, 2f, 127f)]
    public void Lum_contrast_is_moviepys_arithmetic_clamped_once(float lum, float contrast, float threshold)
    {
        // moviepy: corrected = im + lum + contrast * (im - float(contrast_thr)); clipped to [0, 255]; astype("uint8").
        var pixels = Opaque(RandomPremultiplied(W, H));
        var actual = RunOnBackend([(W, H, pixels)], (b, i) => b.LumContrast(i[0], lum, contrast, threshold));
        var expected = (byte[])pixels.Clone();
        for (var i = 0; i < expected.Length; i++)
        {
            if (i % 4 == 3) continue;
            double v = pixels[i];
            var corrected = v + lum + contrast * (v - threshold);
            expected[i] = (byte)Math.Floor(Math.Clamp(corrected, 0, 255));
        }
        PixelAssert.Equal(expected, actual, W, H, 0, $"lum_contrast({lum}, {contrast}, {threshold}) on {Backend.Name}");
    }

    [SkippableFact]
    public void Painting_agrees_with_cpu()
    {
        AgreesWithCpu("Painting", [(W, H, null), (W, H, RandomPremultiplied(W, H))], (b, i) => b.Painting(i[1], i[0], 1.4f, 0.006f));
        AgreesWithCpu("Painting of a 1x1", [(1, 1, null), (1, 1, RandomPremultiplied(1, 1))], (b, i) => b.Painting(i[1], i[0], 1.4f, 0.006f));
        AgreesWithCpu("Painting of a 3x2", [(3, 2, null), (3, 2, RandomPremultiplied(3, 2))], (b, i) => b.Painting(i[1], i[0], 2f, 0.02f));
    }

    [SkippableFact]
    public void Painting_follows_moviepys_pillow_steps()
    {
        var pixels = Opaque(RandomPremultiplied(W, H));
        var actual = RunOnBackend([(W, H, null), (W, H, pixels)], (b, i) => b.Painting(i[1], i[0], 1.4f, 0.006f));
        var expected = PillowPainting(pixels, W, H, 1.4, 0.006);
        // Pillow's integer filters are exact; the last step is moviepy's float64, here float32: at most one level apart.
        PixelAssert.Equal(expected, actual, W, H, 1, $"painting on {Backend.Name}");
    }

    [SkippableFact]
    public void Min_max_agrees_with_cpu_and_is_the_per_channel_minimum_and_maximum()
    {
        var a = RandomPremultiplied(W, H);
        var b2 = RandomPremultiplied(W, H);
        AgreesWithCpu("MinMax(min)", [(W, H, a), (W, H, b2)], (b, i) => b.MinMax(i[0], i[1], false));
        AgreesWithCpu("MinMax(max)", [(W, H, a), (W, H, b2)], (b, i) => b.MinMax(i[0], i[1], true));
        var min = RunOnBackend([(W, H, a), (W, H, b2)], (b, i) => b.MinMax(i[0], i[1], false));
        var max = RunOnBackend([(W, H, a), (W, H, b2)], (b, i) => b.MinMax(i[0], i[1], true));
        PixelAssert.Equal(a.Zip(b2, (x, y) => Math.Min(x, y)).ToArray(), min, W, H, 0, $"mask_and on {Backend.Name}");
        PixelAssert.Equal(a.Zip(b2, (x, y) => Math.Max(x, y)).ToArray(), max, W, H, 0, $"mask_or on {Backend.Name}");
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(256)]
    public void Average_is_numpys_truncated_mean(int count)
    {
        // moviepy: np.mean(1.0 * np.array(frames, dtype="uint16"), axis=0).astype("uint8").
        var frames = Enumerable.Range(0, count).Select(_ => RandomPremultiplied(W, H)).ToArray();
        var inputs = new (int, int, byte[]?)[count + 1];
        inputs[0] = (W, H, null);
        for (var k = 0; k < count; k++) inputs[k + 1] = (W, H, frames[k]);
        AgreesWithCpu($"Average of {count}", inputs, (b, i) => b.Average(i[1..], i[0]));
        var actual = RunOnBackend(inputs, (b, i) => b.Average(i[1..], i[0]));
        var expected = new byte[W * H * 4];
        for (var j = 0; j < expected.Length; j++)
            expected[j] = (byte)Math.Floor(frames.Average(f => (double)f[j]));
        PixelAssert.Equal(expected, actual, W, H, 0, $"supersample mean of {count} on {Backend.Name}");
    }

    [SkippableFact]
    public void Average_refuses_too_many_or_mismatched_pictures()
    {
        using var target = Backend.Allocate(4, 4);
        using var other = Backend.Allocate(4, 3);
        Assert.Throws<ArgumentException>(() => Backend.Average([], target));
        Assert.Throws<ArgumentException>(() => Backend.Average([other], target));
        Assert.Throws<ArgumentException>(() => Backend.Average([target], target));
    }

    private static byte[] Opaque(byte[] pixels)
    {
        for (var i = 3; i < pixels.Length; i += 4)
            pixels[i] = 255;
        return pixels;
    }

    /// <summary>
    /// moviepy 2's to_painting on an opaque RGB picture, step by step as Pillow does it: EDGE_ENHANCE_MORE, convert("L"),
    /// FIND_EDGES (3×3 filters that copy the outermost rows and columns), then saturation·image − black·(255·edges) in float64.
    /// </summary>
    internal static byte[] PillowPainting(byte[] rgba, int width, int height, double saturation, double black)
    {
        int[] Filter3x3(int[] plane, int center)
        {
            var result = (int[])plane.Clone();
            for (var y = 1; y < height - 1; y++)
                for (var x = 1; x < width - 1; x++)
                {
                    var sum = 0;
                    for (var dy = -1; dy <= 1; dy++)
                        for (var dx = -1; dx <= 1; dx++)
                            sum += (dx == 0 && dy == 0 ? center : -1) * plane[(y + dy) * width + x + dx];
                    result[y * width + x] = Math.Clamp(sum, 0, 255);
                }
            return result;
        }

        var enhanced = new int[3][];
        for (var c = 0; c < 3; c++)
            enhanced[c] = Filter3x3(Enumerable.Range(0, width * height).Select(i => (int)rgba[i * 4 + c]).ToArray(), 9);
        var luma = Enumerable.Range(0, width * height).Select(i => (enhanced[0][i] * 19595 + enhanced[1][i] * 38470 + enhanced[2][i] * 7471 + 0x8000) >> 16).ToArray();
        var edges = Filter3x3(luma, 8);
        var output = new byte[rgba.Length];
        for (var i = 0; i < width * height; i++)
        {
            var darkening = black * (255.0 * edges[i]);
            for (var c = 0; c < 3; c++)
                output[i * 4 + c] = (byte)Math.Floor(Math.Clamp(saturation * enhanced[c][i] - darkening, 0, 255));
            output[i * 4 + 3] = 255;
        }
        return output;
    }
}
