namespace ScriptComposer.Gpu;

/// <summary>
/// A <see cref="Yuv420Layer"/> checked, and its per-layer constants computed once on the host so every backend multiplies by the same
/// floats: a sample s (after its <see cref="Conversion"/>, rounded) over d becomes round(round(s·<see cref="Keep"/> + fade)·<see cref="Opacity"/> +
/// d·<see cref="Inverse"/>), where fade is <see cref="FadeY"/>, <see cref="FadeU"/> or <see cref="FadeV"/> for the plane. With the identity
/// conversion, opacity 1 and no fade that is s itself.
/// </summary>
internal readonly record struct CheckedYuv420Layer(
    float Opacity, float Inverse, float Keep, float FadeY, float FadeU, float FadeV, bool Visible, Yuv420Conversion Conversion)
{
    /// <summary>The layer's samples replace what is below (already BT.709 limited, no fade, fully opaque): a plain copy.</summary>
    public bool IsCopy => !IsOverlay && Opacity == 1f && Keep == 1f && FadeY == 0f && FadeU == 0f && FadeV == 0f && Conversion.IsIdentity;

    /// <summary>An RGBA picture laid over the frame (<see cref="Yuv420Layer.Overlay"/>) rather than I420 samples.</summary>
    public bool IsOverlay { get; init; }

    /// <exception cref="ArgumentException">
    /// A video layer's position or size is odd, its frame is not its I420 size, or its matrix or range is unknown; a picture has a fade.
    /// </exception>
    private static CheckedYuv420Layer Of(in Yuv420Layer layer, int index, int width, int height)
    {
        var opacity = float.IsNaN(layer.Opacity) ? 0f : Math.Clamp(layer.Opacity, 0f, 1f);
        var (layerWidth, layerHeight) = layer.Overlay is { } picture ? (picture.Width, picture.Height) : (layer.Width, layer.Height);
        var visible = opacity > 0f && layer.X < width && layer.Y < height && layer.X + layerWidth > 0 && layer.Y + layerHeight > 0;
        if (layer.Overlay is not null)
        {
            if (layer.FadeAmount > 0f)
                throw new ArgumentException($"Layer {index} is a picture with a fade; fade the picture itself (IComputeBackend.Fade) before laying it.", "layers");
            return new CheckedYuv420Layer(opacity, 1f - opacity, 1f, 0f, 0f, 0f, visible, Yuv420Conversion.Identity) { IsOverlay = true };
        }
        if (layer.Width <= 0 || layer.Height <= 0 || layer.Width % 2 != 0 || layer.Height % 2 != 0 || layer.X % 2 != 0 || layer.Y % 2 != 0)
            throw new ArgumentException(
                $"Layer {index} is {layer.Width}x{layer.Height} at ({layer.X}, {layer.Y}); an I420 layer needs an even size and an even position, so its chroma lines up with the frame's.", "layers");
        var bytes = new Yuv420Layout(layer.Width, layer.Height).TotalBytes;
        if (layer.I420.Length != bytes)
            throw new ArgumentException($"Layer {index} is {layer.Width}x{layer.Height}, whose I420 frame is {bytes} bytes; it has {layer.I420.Length}.", "layers");
        if (!Enum.IsDefined(layer.Matrix) || !Enum.IsDefined(layer.Range))
            throw new ArgumentException($"Layer {index} has no YUV matrix {(int)layer.Matrix} or range {(int)layer.Range}.", "layers");
        var fade = float.IsNaN(layer.FadeAmount) ? 0f : Math.Clamp(layer.FadeAmount, 0f, 1f);
        var (r, g, b) = (layer.FadeColor.R, layer.FadeColor.G, layer.FadeColor.B);
        var (y, u, v) = fade > 0f ? (KernelMath.Bt709Y(r, g, b), KernelMath.Bt709U(r, g, b), KernelMath.Bt709V(r, g, b)) : (0f, 0f, 0f);
        return new CheckedYuv420Layer(opacity, 1f - opacity, 1f - fade, y * fade, u * fade, v * fade, visible, Yuv420Conversion.From(layer.Matrix, layer.Range));
    }

    /// <summary>
    /// Every layer checked, with its constants, of a <see cref="IComputeBackend.MixI420Layers"/> call into a <paramref name="width"/>x<paramref name="height"/>
    /// frame of <paramref name="bytes"/>, after the frame's check; <paramref name="mine"/> checks each picture belongs to the calling backend.
    /// </summary>
    public static CheckedYuv420Layer[] CheckAll(ReadOnlySpan<Yuv420Layer> layers, int width, int height, int bytes, Action<DeviceImage> mine)
    {
        CheckFrame(width, height, bytes);
        var plans = new CheckedYuv420Layer[layers.Length];
        for (var i = 0; i < layers.Length; i++)
        {
            if (layers[i].Overlay is { } overlay)
                mine(overlay);
            plans[i] = Of(layers[i], i, width, height);
        }
        return plans;
    }

    /// <exception cref="ArgumentException">The frame's size is not positive and even, or the buffer is too small for it.</exception>
    private static void CheckFrame(int width, int height, int bytes)
    {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
            throw new ArgumentException($"An I420 composite is {width}x{height}; it needs a positive, even width and height.", nameof(width));
        var layout = new Yuv420Layout(width, height);
        if (bytes < layout.TotalBytes)
            throw new ArgumentException($"A {width}x{height} I420 frame needs {layout.TotalBytes} bytes; the buffer has {bytes}.", "i420");
    }

    /// <summary>
    /// The bytes <see cref="IComputeBackend.ConvertToYuv420"/> writes for an image filled with <paramref name="color"/>
    /// (its premultiplied color, as <see cref="IComputeBackend.Fill"/> stores it), so an uncovered background is the same either way.
    /// </summary>
    public static (byte Y, byte U, byte V) Background(Rgba color)
    {
        var (r, g, b, _) = KernelMath.PremultipliedBytes(color);
        return (KernelMath.ToByte(KernelMath.Bt709Y(r, g, b)), KernelMath.ToByte(KernelMath.Bt709U(r, g, b)), KernelMath.ToByte(KernelMath.Bt709V(r, g, b)));
    }
}
