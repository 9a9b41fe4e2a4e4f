using BenchmarkDotNet.Attributes;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Bench.Kernels;

/// <summary>
/// One output frame of N full-canvas layers (half-transparent gradients at opacity 0.8, each with its own diagonal luminance
/// mask, all distinct images: <c>composite-N</c>'s layers) on the CPU backend, four ways, side by side in one run:
/// <list type="bullet">
/// <item><see cref="Unfused"/> (baseline): Fill, N × Composite, ConvertToYuv420 — what the renderer did per frame.</item>
/// <item><see cref="FusedToRgba"/>: CompositeLayers (one pass, RGBA canvas out).</item>
/// <item><see cref="FusedToRgbaThenYuv"/>: CompositeLayers then ConvertToYuv420 (the same output as the baseline).</item>
/// <item><see cref="FusedToYuv"/>: CompositeLayersToI420 (one pass, I420 out, no RGBA canvas).</item>
/// </list>
/// </summary>
[BenchmarkCategory("cpu", "fused")]
public class CpuFused
{
    private readonly List<DeviceImage> _images = [];
    private CpuBackend? _backend;
    private DeviceImage? _canvas;
    private LayerDraw[] _layers = [];
    private byte[] _yuv = [];
    private int _width, _height;

    private static readonly Rgba Background = new(32, 32, 32);

    [Params("1280x720", "1920x1080")]
    public string Size { get; set; } = "1920x1080";

    [Params(1, 4, 16)]
    public int Layers { get; set; } = 4;

    [GlobalSetup]
    public void Setup()
    {
        var backend = _backend = new CpuBackend();
        var parts = Size.Split('x');
        (_width, _height) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        int w = _width, h = _height;
        _canvas = Image(w, h);
        _yuv = new byte[new Yuv420Layout(w, h).TotalBytes];
        var gradient = new GradientParams(GradientKind.Linear, 0, 0, w, h, 0, Rgba.Black, Rgba.White);
        _layers = new LayerDraw[Layers];
        for (var i = 0; i < Layers; i++)
        {
            var picture = Image(w, h);
            backend.Gradient(picture, gradient with { Color1 = new Rgba((byte)(20 * i), 100, 200, 160), Color2 = new Rgba(250, (byte)(15 * i), 40, 230) });
            var mask = Image(w, h);
            backend.Gradient(mask, new GradientParams(GradientKind.Linear, 0, h, w, 0, 0, Rgba.Black, Rgba.White, i / (float)(Layers + 1)));
            _layers[i] = new LayerDraw(picture, 0, 0, 0.8f, mask);
        }
    }

    private DeviceImage Image(int width, int height)
    {
        var image = _backend!.Allocate(width, height);
        _images.Add(image);
        return image;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var image in _images)
            image.Dispose();
        _images.Clear();
        _backend?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Unfused()
    {
        var backend = _backend!;
        backend.Fill(_canvas!, Background);
        foreach (var layer in _layers)
            backend.Composite(_canvas!, layer.Image, new CompositeParams(layer.X, layer.Y, layer.Opacity, layer.Mask, layer.Mode));
        backend.ConvertToYuv420(_canvas!, _yuv);
    }

    [Benchmark]
    public void FusedToRgba() => _backend!.CompositeLayers(_canvas!, Background, _layers);

    [Benchmark]
    public void FusedToRgbaThenYuv()
    {
        _backend!.CompositeLayers(_canvas!, Background, _layers);
        _backend.ConvertToYuv420(_canvas!, _yuv);
    }

    [Benchmark]
    public void FusedToYuv() => _backend!.CompositeLayersToI420(_width, _height, Background, _layers, _yuv);
}
