using System.Buffers;
using System.Runtime.InteropServices;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>Compositing: one layer (composite.cu), and the fused composites of a plan's shape (<see cref="LayerKernel"/>).</summary>
public sealed unsafe partial class CudaBackend
{
    public void Composite(DeviceImage canvas, DeviceImage layer, in CompositeParams parameters)
    {
        var c = Mine(canvas);
        var l = Mine(layer);
        ulong maskPointer = 0;
        if (parameters.Mask is not null)
        {
            var mask = Mine(parameters.Mask);
            if (mask.Width != l.Width || mask.Height != l.Height)
                throw new ArgumentException($"The mask is {mask.Width}x{mask.Height} but the layer is {l.Width}x{l.Height}; a mask must have its layer's size.", nameof(parameters));
            maskPointer = mask.Pointer;
        }
        int x0 = parameters.X, y0 = parameters.Y;
        var opacity = Math.Clamp(parameters.Opacity, 0f, 1f);
        // The clipped rectangle, in long so that positions near int.MaxValue cannot overflow.
        var width = Math.Min((long)c.Width, (long)x0 + l.Width) - Math.Max(0, x0);
        var height = Math.Min((long)c.Height, (long)y0 + l.Height) - Math.Max(0, y0);
        if (width <= 0 || height <= 0 || opacity <= 0f)
            return;

        ulong canvasPointer = c.Pointer, layerPointer = l.Pointer;
        int cw = c.Width, ch = c.Height, lw = l.Width, lh = l.Height;
        var mode = (int)parameters.Mode;
        if (parameters.Mode == BlendMode.Normal)
        {
            var args = stackalloc void*[] { &canvasPointer, &cw, &ch, &layerPointer, &lw, &lh, &maskPointer, &x0, &y0, &opacity };
            Launch(Function("sc_composite"), (int)width, (int)height, args, 10);
        }
        else
        {
            if (!Enum.IsDefined(parameters.Mode))
                throw new ArgumentException($"There is no blend mode {mode}.", nameof(parameters));
            var args = stackalloc void*[] { &canvasPointer, &cw, &ch, &layerPointer, &lw, &lh, &maskPointer, &x0, &y0, &opacity, &mode };
            Launch(Function("sc_composite_blend"), (int)width, (int)height, args, 11);
        }
    }

    public void CompositeLayers(DeviceImage canvas, Rgba background, ReadOnlySpan<LayerDraw> layers)
    {
        var c = Mine(canvas);
        LaunchLayers(layers, c.Pointer, c.Width, c.Height, background, c, yuv: false);
    }

    public void CompositeLayersToI420(int width, int height, Rgba background, ReadOnlySpan<LayerDraw> layers, Span<byte> i420)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var layout = KernelMath.CheckI420Output(width, height, i420.Length, nameof(i420));
        var output = Scratch(ref _i420Output, layout.TotalBytes);
        LaunchLayers(layers, output, width, height, background, canvas: null, yuv: true);
        CopyOut(output, i420[..layout.TotalBytes]);
    }

    /// <summary>
    /// Compiles (or loads from the disk cache) the fused kernels of every shape now, several at once, so that no frame waits for
    /// NVRTC. A shape already loaded costs nothing.
    /// </summary>
    /// <exception cref="KernelCompileException">A shape's kernel did not compile.</exception>
    public void Prepare(IEnumerable<IReadOnlyList<LayerShape>> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        var kernels = shapes.Select(LayerKernel.For).DistinctBy(k => k.Source.Name).Where(k => !_functions.ContainsKey(k.EntryPoint)).ToArray();
        _runtime.Prepare(kernels.Select(k => k.Source).ToArray());
        foreach (var kernel in kernels)
        {
            Function(kernel.Source, kernel.EntryPoint);
            Function(kernel.Source, kernel.YuvEntryPoint);
        }
    }

    /// <summary>
    /// Checks the layers, writes the values of those that can change a pixel (visible, overlapping the output) into the kernel's
    /// values array, uploads it and launches the kernel of their shape: per pixel of <paramref name="width"/>×<paramref name="height"/>
    /// into an RGBA canvas, or per 2×2 block into an I420 frame when <paramref name="yuv"/>. Nothing is allocated once the shape's
    /// kernel is loaded.
    /// </summary>
    private void LaunchLayers(ReadOnlySpan<LayerDraw> layers, ulong output, int width, int height, Rgba background, CudaImage? canvas, bool yuv)
    {
        var values = ArrayPool<LayerValues>.Shared.Rent(Math.Max(1, layers.Length));
        var shape = ArrayPool<LayerShape>.Shared.Rent(Math.Max(1, layers.Length));
        var key = ArrayPool<char>.Shared.Rent(Math.Max(1, LayerKernel.KeyLength(layers.Length)));
        try
        {
            var count = 0;
            for (var i = 0; i < layers.Length; i++)
            {
                var layer = layers[i];
                var check = CheckedLayer.Of(layer, i);
                var image = Mine(layer.Image);
                var mask = layer.Mask is null ? null : Mine(layer.Mask);
                if (canvas is not null && (ReferenceEquals(image, canvas) || ReferenceEquals(mask, canvas)))
                    throw new ArgumentException($"Layer {i} draws the canvas onto itself; composite a copy instead.", nameof(layers));
                if (LayerShape.Of(layer, i, width, height) is not { } layerShape)
                    continue;
                var fade = check.HasFade ? FadeConstants.For(layer.FadeColor, check.FadeAmount) : default;
                values[count] = new LayerValues
                {
                    Pixels = image.Pointer, Mask = mask?.Pointer ?? 0, Width = image.Width, Height = image.Height, X = layer.X, Y = layer.Y,
                    Opacity = check.Opacity, FadeKeep = fade.Keep, FadeR = fade.R, FadeG = fade.G, FadeB = fade.B,
                };
                shape[count++] = layerShape;
            }

            var kernel = LayerKernel.For(shape.AsSpan(0, count), key);
            var function = yuv ? Function(kernel.Source, kernel.YuvEntryPoint) : Function(kernel.Source, kernel.EntryPoint);
            ulong table = 0;
            if (count > 0)
            {
                var bytes = MemoryMarshal.AsBytes(values.AsSpan(0, count));
                table = Scratch(ref _layerValues, bytes.Length);
                _runtime.CopyToDevice(bytes, table);
            }
            var bg = KernelMath.PremultipliedBytes(background);
            int cw = width, ch = height, r = bg.R, g = bg.G, b = bg.B, a = bg.A;
            var args = stackalloc void*[] { &output, &cw, &ch, &r, &g, &b, &a, &table };
            if (yuv)
                Launch(function, (width + 1) / 2, (height + 1) / 2, args, LayerKernel.ArgumentCount);
            else
                Launch(function, width, height, args, LayerKernel.ArgumentCount);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(key);
            ArrayPool<LayerShape>.Shared.Return(shape);
            ArrayPool<LayerValues>.Shared.Return(values);
        }
    }
}
