using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>
/// A 300-layer fused composite (masked and faded in runs, every blend mode), past the 4 KB of kernel parameters NVRTC up to 12.0
/// allows when each layer's values were parameters; rendered on a backend to RGBA and straight to I420.
/// </summary>
internal static class ThreeHundredLayers
{
    public const int Width = 21, Height = 14;

    private static readonly Rgba Background = new(30, 60, 90, 200);

    public static (byte[] Rgba, byte[] I420) Render(IComputeBackend backend, int width = Width, int height = Height)
    {
        var shape = Kernels.LayerKernelTests.ThreeHundred;
        var random = new Random(300);
        var scale = Math.Max(1, Math.Min(width / Width, height / Height) / 8); // sprites of up to ~90 pixels on a 1080p canvas
        var specs = shape.Select(s =>
        {
            int w = random.Next(1, 9) * scale, h = random.Next(1, 7) * scale;
            var pixels = new byte[w * h * 4];
            for (var i = 0; i < pixels.Length; i += 4)
            {
                var a = random.Next(4) == 0 ? 0 : random.Next(1, 256);
                pixels[i] = (byte)random.Next(a + 1);
                pixels[i + 1] = (byte)random.Next(a + 1);
                pixels[i + 2] = (byte)random.Next(a + 1);
                pixels[i + 3] = (byte)a;
            }
            var mask = new byte[w * h * 4];
            random.NextBytes(mask);
            var fade = new Rgba((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            return (Shape: s, W: w, H: h, Pixels: pixels, Mask: mask, X: random.Next(1 - w, width), Y: random.Next(1 - h, height),
                Opacity: 0.05f + 0.95f * (float)random.NextDouble(), Fade: fade, Amount: s.HasFade ? 0.05f + 0.9f * (float)random.NextDouble() : 0f);
        }).ToArray();

        var images = new List<DeviceImage>();
        DeviceImage Load(int w, int h, byte[] bytes)
        {
            var image = backend.Allocate(w, h);
            backend.Upload(bytes, image);
            images.Add(image);
            return image;
        }
        try
        {
            var draws = specs.Select(s => new LayerDraw(Load(s.W, s.H, s.Pixels), s.X, s.Y, s.Opacity, s.Shape.HasMask ? Load(s.W, s.H, s.Mask) : null,
                s.Shape.Mode, s.Fade, s.Amount)).ToArray();
            Assert.Equal(shape, draws.Select((d, i) => LayerShape.Of(d, i, width, height)!.Value));
            using var canvas = backend.Allocate(width, height);
            backend.CompositeLayers(canvas, Background, draws);
            var rgba = new byte[width * height * 4];
            backend.Download(canvas, rgba);
            var i420 = new byte[new Yuv420Layout(width, height).TotalBytes];
            backend.CompositeLayersToI420(width, height, Background, draws, i420);
            return (rgba, i420);
        }
        finally
        {
            foreach (var image in images)
                image.Dispose();
        }
    }
}
