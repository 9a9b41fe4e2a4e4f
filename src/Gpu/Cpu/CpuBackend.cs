using System.Collections.Concurrent;

namespace ScriptComposer.Gpu.Cpu;

/// <summary>The backend that needs no GPU: images in host memory, kernels in <see cref="CpuKernels"/>.</summary>
public sealed class CpuBackend : IComputeBackend
{
    private readonly ConcurrentDictionary<int, ConcurrentBag<byte[]>> _pool = new();

    public string Name => "cpu";

    public string Device => $"CPU, {Environment.ProcessorCount} logical cores";

    public DeviceImage Allocate(int width, int height)
    {
        var bytes = checked(width * height * 4);
        var buffer = _pool.TryGetValue(bytes, out var bag) && bag.TryTake(out var pooled) ? pooled : GC.AllocateUninitializedArray<byte>(bytes);
        return new CpuImage(this, width, height, buffer);
    }

    internal void Return(byte[] pixels) => _pool.GetOrAdd(pixels.Length, _ => []).Add(pixels);

    public void Upload(ReadOnlySpan<byte> rgba, DeviceImage target)
    {
        var image = Own(target);
        if (rgba.Length != image.ByteCount)
            throw new ArgumentException($"Upload of {rgba.Length} bytes into a {image.Width}x{image.Height} image ({image.ByteCount} bytes).", nameof(rgba));
        rgba.CopyTo(image.Pixels);
    }

    public void Download(DeviceImage source, Span<byte> rgba)
    {
        var image = Own(source);
        if (rgba.Length < image.ByteCount)
            throw new ArgumentException($"Download of a {image.Width}x{image.Height} image needs {image.ByteCount} bytes; the buffer has {rgba.Length}.", nameof(rgba));
        image.Pixels.CopyTo(rgba);
    }

    public void Fill(DeviceImage target, Rgba color)
    {
        var image = Own(target);
        CpuKernels.Fill(Array(image), image.Width, image.Height, color);
    }

    public void Composite(DeviceImage canvas, DeviceImage layer, in CompositeParams parameters)
    {
        var c = Own(canvas);
        var l = Own(layer);
        CpuImage? mask = null;
        if (parameters.Mask is not null)
        {
            mask = Own(parameters.Mask);
            if (mask.Width != l.Width || mask.Height != l.Height)
                throw new ArgumentException($"The mask is {mask.Width}x{mask.Height} but the layer is {l.Width}x{l.Height}; a mask must have its layer's size.", nameof(parameters));
        }
        CpuKernels.Composite(Array(c), c.Width, c.Height, Array(l), l.Width, l.Height, mask is null ? null : Array(mask),
            parameters.X, parameters.Y, Math.Clamp(parameters.Opacity, 0f, 1f));
    }

    public void Fade(DeviceImage target, Rgba color, float amount)
    {
        var image = Own(target);
        CpuKernels.Fade(Array(image), image.Width, image.Height, color, Math.Clamp(amount, 0f, 1f));
    }

    public void Gradient(DeviceImage target, in GradientParams parameters)
    {
        var image = Own(target);
        CpuKernels.Gradient(Array(image), image.Width, image.Height, parameters);
    }

    public void Premultiply(DeviceImage target)
    {
        var image = Own(target);
        CpuKernels.Premultiply(Array(image), image.Width, image.Height);
    }

    public void Unpremultiply(DeviceImage target)
    {
        var image = Own(target);
        CpuKernels.Unpremultiply(Array(image), image.Width, image.Height);
    }

    public void Resize(DeviceImage source, DeviceImage target)
    {
        var s = Own(source);
        var t = Own(target);
        CpuKernels.Resize(Array(s), s.Width, s.Height, Array(t), t.Width, t.Height);
    }

    public void ConvertToYuv420(DeviceImage source, Span<byte> yuv)
    {
        var image = Own(source);
        var layout = new Yuv420Layout(image.Width, image.Height);
        if (yuv.Length < layout.TotalBytes)
            throw new ArgumentException($"A {image.Width}x{image.Height} I420 frame needs {layout.TotalBytes} bytes; the buffer has {yuv.Length}.", nameof(yuv));
        CpuKernels.ConvertToYuv420(Array(image), image.Width, image.Height, yuv);
    }

    public void Synchronize()
    {
    }

    public void Dispose() => _pool.Clear();

    private CpuImage Own(DeviceImage image) =>
        image is CpuImage cpu && ReferenceEquals(cpu.Owner, this)
            ? cpu
            : throw new ArgumentException("This image was allocated by another backend.", nameof(image));

    private static byte[] Array(CpuImage image) => image.PixelArray;
}
