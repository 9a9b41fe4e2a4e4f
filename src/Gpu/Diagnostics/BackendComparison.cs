using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Gpu.Diagnostics;

/// <summary>
/// Runs every operation on two backends with the same random inputs and reports the largest per-channel difference
/// (for <c>sc doctor</c> and benchmarks; the tests do the same with exact assertions).
/// </summary>
public static class BackendComparison
{
    /// <summary>One operation's result: the largest |a − b| over all channels (0 or 1 is agreement).</summary>
    public sealed record Result(string Operation, int LargestDifference);

    public static IReadOnlyList<Result> Run(IComputeBackend tested, int width = 257, int height = 131, int seed = 1)
    {
        using var reference = new CpuBackend();
        var random = new Random(seed);
        byte[] Premultiplied(int w, int h)
        {
            var pixels = new byte[w * h * 4];
            for (var i = 0; i < pixels.Length; i += 4)
            {
                var a = random.Next(1, 256);
                pixels[i] = (byte)random.Next(a + 1);
                pixels[i + 1] = (byte)random.Next(a + 1);
                pixels[i + 2] = (byte)random.Next(a + 1);
                pixels[i + 3] = (byte)a;
            }
            return pixels;
        }
        Rgba Color() => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

        var canvas = Premultiplied(width, height);
        var layer = Premultiplied(width / 2 + 3, height / 2 + 5);
        var (lw, lh) = (width / 2 + 3, height / 2 + 5);
        var mask = Premultiplied(lw, lh);
        var color = Color();
        var gradientColors = (Color(), Color());

        var results = new List<Result>
        {
            Compare("fill", (b, i) => b.Fill(i[0], color), (width, height, null)),
            Compare("composite", (b, i) => b.Composite(i[0], i[1], new CompositeParams(-7, height / 3, 0.8f, i[2])),
                (width, height, canvas), (lw, lh, layer), (lw, lh, mask)),
            Compare("fade", (b, i) => b.Fade(i[0], color, 0.37f), (width, height, canvas)),
        };
        foreach (var kind in Enum.GetValues<GradientKind>())
        {
            var p = new GradientParams(kind, width * 0.3f, height * 0.4f, width * 0.9f, height * 0.7f, height * 0.6f, gradientColors.Item1, gradientColors.Item2, 0.1f);
            results.Add(Compare($"gradient ({kind.ToString().ToLowerInvariant()})", (b, i) => b.Gradient(i[0], p), (width, height, null)));
        }
        results.Add(Compare("premultiply", (b, i) => b.Premultiply(i[0]), (width, height, canvas)));
        results.Add(Compare("unpremultiply", (b, i) => b.Unpremultiply(i[0]), (width, height, canvas)));
        results.Add(Compare("resize", (b, i) => b.Resize(i[1], i[0]), (width * 2 - 3, height + 17, null), (width, height, canvas)));
        results.Add(new Result("yuv420", Difference(Yuv(reference, canvas, width, height), Yuv(tested, canvas, width, height))));
        return results;

        Result Compare(string name, Action<IComputeBackend, DeviceImage[]> operation, params (int W, int H, byte[]? Pixels)[] inputs) =>
            new(name, Difference(Execute(reference, operation, inputs, 0x3C), Execute(tested, operation, inputs, 0xA5)));
    }

    private static byte[] Execute(IComputeBackend backend, Action<IComputeBackend, DeviceImage[]> operation, (int W, int H, byte[]? Pixels)[] inputs, byte poison)
    {
        var images = new DeviceImage[inputs.Length];
        try
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var (w, h, pixels) = inputs[i];
                images[i] = backend.Allocate(w, h);
                if (pixels is null)
                {
                    pixels = new byte[w * h * 4];
                    Array.Fill(pixels, poison); // a pixel the operation forgets to write shows up as a difference
                }
                backend.Upload(pixels, images[i]);
            }
            operation(backend, images);
            backend.Synchronize();
            var result = new byte[images[0].ByteCount];
            backend.Download(images[0], result);
            return result;
        }
        finally
        {
            foreach (var image in images)
                image?.Dispose();
        }
    }

    private static byte[] Yuv(IComputeBackend backend, byte[] pixels, int width, int height)
    {
        using var image = backend.Allocate(width, height);
        backend.Upload(pixels, image);
        var yuv = new byte[new Yuv420Layout(width, height).TotalBytes];
        backend.ConvertToYuv420(image, yuv);
        return yuv;
    }

    private static int Difference(byte[] a, byte[] b)
    {
        var largest = 0;
        for (var i = 0; i < a.Length; i++)
            largest = Math.Max(largest, Math.Abs(a[i] - b[i]));
        return largest;
    }
}
