using ScriptComposer.Dsl.Planning;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Tests.Planning;

/// <summary>
/// The CPU backend, recording the fused kernel shape of every fused composite it is asked for (as the CUDA backend derives it
/// to pick the kernel it compiles: <see cref="LayerShape.Of"/>).
/// </summary>
internal sealed class ShapeRecordingBackend : IComputeBackend
{
    private readonly CpuBackend _cpu = new();

    public HashSet<ValueList<LayerShape>> Shapes { get; } = [];

    /// <summary>The shapes <see cref="Prepare"/> was given, in order.</summary>
    public List<ValueList<LayerShape>> Prepared { get; } = [];

    public void Prepare(IEnumerable<IReadOnlyList<LayerShape>> shapes) => Prepared.AddRange(shapes.Select(s => new ValueList<LayerShape>(s)));

    public string Name => _cpu.Name;

    public string Device => _cpu.Device;

    public void CompositeLayers(DeviceImage canvas, Rgba background, ReadOnlySpan<LayerDraw> layers)
    {
        Record(layers, canvas.Width, canvas.Height);
        _cpu.CompositeLayers(canvas, background, layers);
    }

    public void CompositeLayersToI420(int width, int height, Rgba background, ReadOnlySpan<LayerDraw> layers, Span<byte> yuv)
    {
        Record(layers, width, height);
        _cpu.CompositeLayersToI420(width, height, background, layers, yuv);
    }

    private void Record(ReadOnlySpan<LayerDraw> layers, int width, int height)
    {
        var shape = new List<LayerShape>();
        for (var i = 0; i < layers.Length; i++)
        {
            if (LayerShape.Of(layers[i], i, width, height) is { } layer)
                shape.Add(layer);
        }
        Shapes.Add(new ValueList<LayerShape>(shape));
    }

    public DeviceImage Allocate(int width, int height) => _cpu.Allocate(width, height);
    public void Upload(ReadOnlySpan<byte> rgba, DeviceImage target) => _cpu.Upload(rgba, target);
    public void UploadYuv420(ReadOnlySpan<byte> i420, DeviceImage target, YuvMatrix matrix, YuvRange range) => _cpu.UploadYuv420(i420, target, matrix, range);
    public void Download(DeviceImage source, Span<byte> rgba) => _cpu.Download(source, rgba);
    public void Fill(DeviceImage target, Rgba color) => _cpu.Fill(target, color);
    public void Composite(DeviceImage canvas, DeviceImage layer, in CompositeParams parameters) => _cpu.Composite(canvas, layer, parameters);
    public void MixI420Layers(int width, int height, Rgba background, ReadOnlySpan<Yuv420Layer> layers, Span<byte> yuv) => _cpu.MixI420Layers(width, height, background, layers, yuv);
    public void Fade(DeviceImage target, Rgba color, float amount) => _cpu.Fade(target, color, amount);
    public void Gradient(DeviceImage target, in GradientParams parameters) => _cpu.Gradient(target, parameters);
    public void Premultiply(DeviceImage target) => _cpu.Premultiply(target);
    public void Unpremultiply(DeviceImage target) => _cpu.Unpremultiply(target);
    public void Resize(DeviceImage source, DeviceImage target) => _cpu.Resize(source, target);
    public void Resize(DeviceImage source, DeviceImage target, ResizeFilter filter) => _cpu.Resize(source, target, filter);
    public void MirrorX(DeviceImage source, DeviceImage target) => _cpu.MirrorX(source, target);
    public void MirrorY(DeviceImage source, DeviceImage target) => _cpu.MirrorY(source, target);
    public void Rotate(DeviceImage source, DeviceImage target, float degrees, Rgba background) => _cpu.Rotate(source, target, degrees, background);
    public void AdjustColors(DeviceImage target, in ColorParams parameters) => _cpu.AdjustColors(target, parameters);
    public void GaussianBlur(DeviceImage source, DeviceImage target, float sigma) => _cpu.GaussianBlur(source, target, sigma);
    public void ChromaKey(DeviceImage target, in ChromaKeyParams parameters) => _cpu.ChromaKey(target, parameters);
    public void LumContrast(DeviceImage target, float lum, float contrast, float threshold) => _cpu.LumContrast(target, lum, contrast, threshold);
    public void Painting(DeviceImage source, DeviceImage target, float saturation, float black) => _cpu.Painting(source, target, saturation, black);
    public void MinMax(DeviceImage target, DeviceImage other, bool maximum) => _cpu.MinMax(target, other, maximum);
    public void Average(IReadOnlyList<DeviceImage> sources, DeviceImage target) => _cpu.Average(sources, target);
    public void ApplyPixelEffect(DeviceImage target, PixelEffect effect, float time) => _cpu.ApplyPixelEffect(target, effect, time);
    public void Transition(DeviceImage from, DeviceImage to, DeviceImage target, in TransitionParams parameters) => _cpu.Transition(from, to, target, parameters);

    public void ApplyTransitionEffect(DeviceImage from, DeviceImage to, DeviceImage target, TransitionEffect effect, float progress) => _cpu.ApplyTransitionEffect(from, to, target, effect, progress);

    public void ConvertToYuv420(DeviceImage source, Span<byte> yuv) => _cpu.ConvertToYuv420(source, yuv);
    public void Synchronize() => _cpu.Synchronize();
    public void Dispose() => _cpu.Dispose();
}
