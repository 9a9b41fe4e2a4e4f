using System.Collections.Concurrent;

namespace ScriptComposer.Gpu.Cpu;

/// <summary>The backend that needs no GPU: images in host memory, kernels in <see cref="CpuKernels"/>.</summary>
public sealed partial class CpuBackend : IComputeBackend
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
        var image = Mine(target);
        if (rgba.Length != image.ByteCount)
            throw new ArgumentException($"Upload of {rgba.Length} bytes into a {image.Width}x{image.Height} image ({image.ByteCount} bytes).", nameof(rgba));
        rgba.CopyTo(image.Pixels);
    }

    public void UploadYuv420(ReadOnlySpan<byte> i420, DeviceImage target, YuvMatrix matrix, YuvRange range)
    {
        var image = Mine(target);
        var constants = YuvConstants.For(matrix, range);
        KernelMath.CheckI420(i420.Length, image, nameof(i420));
        CpuKernels.Yuv420ToRgba(i420, Array(image), image.Width, image.Height, constants);
    }

    public void Download(DeviceImage source, Span<byte> rgba)
    {
        var image = Mine(source);
        if (rgba.Length < image.ByteCount)
            throw new ArgumentException($"Download of a {image.Width}x{image.Height} image needs {image.ByteCount} bytes; the buffer has {rgba.Length}.", nameof(rgba));
        image.Pixels.CopyTo(rgba);
    }

    public void Fill(DeviceImage target, Rgba color)
    {
        var image = Mine(target);
        CpuKernels.Fill(Array(image), image.Width, image.Height, color);
    }

    public void Composite(DeviceImage canvas, DeviceImage layer, in CompositeParams parameters)
    {
        var c = Mine(canvas);
        var l = Mine(layer);
        CpuImage? mask = null;
        if (parameters.Mask is not null)
        {
            mask = Mine(parameters.Mask);
            if (mask.Width != l.Width || mask.Height != l.Height)
                throw new ArgumentException($"The mask is {mask.Width}x{mask.Height} but the layer is {l.Width}x{l.Height}; a mask must have its layer's size.", nameof(parameters));
        }
        if (parameters.Mode == BlendMode.Normal)
        {
            CpuKernels.Composite(Array(c), c.Width, c.Height, Array(l), l.Width, l.Height, mask is null ? null : Array(mask),
                parameters.X, parameters.Y, Math.Clamp(parameters.Opacity, 0f, 1f));
            return;
        }
        if (!Enum.IsDefined(parameters.Mode))
            throw new ArgumentException($"There is no blend mode {(int)parameters.Mode}.", nameof(parameters));
        CpuKernels.CompositeBlend(Array(c), c.Width, c.Height, Array(l), l.Width, l.Height, mask is null ? null : Array(mask),
            parameters.X, parameters.Y, Math.Clamp(parameters.Opacity, 0f, 1f), parameters.Mode);
    }

    public void CompositeLayers(DeviceImage canvas, Rgba background, ReadOnlySpan<LayerDraw> layers)
    {
        var c = Mine(canvas);
        var fused = Resolve(layers, c);
        CpuKernels.CompositeLayers(Array(c), c.Width, c.Height, KernelMath.PremultipliedBytes(background), fused);
    }

    public void CompositeLayersToI420(int width, int height, Rgba background, ReadOnlySpan<LayerDraw> layers, Span<byte> i420)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        KernelMath.CheckI420Output(width, height, i420.Length, nameof(i420));
        var fused = Resolve(layers, canvas: null);
        CpuKernels.CompositeLayersToI420(width, height, KernelMath.PremultipliedBytes(background), fused, i420);
    }

    public void MixI420Layers(int width, int height, Rgba background, ReadOnlySpan<Yuv420Layer> layers, Span<byte> i420)
    {
        var plans = CheckedYuv420Layer.CheckAll(layers, width, height, i420.Length, image => Mine(image));
        var visible = new List<(Yuv420Layer Layer, CheckedYuv420Layer Plan)>(layers.Length);
        for (var i = 0; i < layers.Length; i++)
        {
            if (plans[i].Visible)
                visible.Add((layers[i], plans[i]));
        }
        var handles = new System.Buffers.MemoryHandle[visible.Count];
        try
        {
            var kernelLayers = new CpuKernels.PlanarLayer[visible.Count];
            for (var i = 0; i < visible.Count; i++)
            {
                var (layer, plan) = visible[i];
                handles[i] = layer.Overlay is { } overlay ? Array(Mine(overlay)).AsMemory().Pin() : layer.I420.Pin();
                unsafe
                {
                    kernelLayers[i] = new CpuKernels.PlanarLayer((nint)handles[i].Pointer, layer.Width, layer.Height, layer.X, layer.Y, plan);
                }
            }
            CpuKernels.MixI420Layers(i420, width, height, CheckedYuv420Layer.Background(background), kernelLayers);
        }
        finally
        {
            foreach (var handle in handles)
                handle.Dispose();
        }
    }

    /// <summary>The layers as the kernels take them, validated; layers that cannot change a pixel (opacity 0) are left out.</summary>
    private CpuKernels.FusedLayer[] Resolve(ReadOnlySpan<LayerDraw> layers, CpuImage? canvas)
    {
        var fused = new List<CpuKernels.FusedLayer>(layers.Length);
        for (var i = 0; i < layers.Length; i++)
        {
            var layer = layers[i];
            var plan = CheckedLayer.Of(layer, i);
            var image = Mine(layer.Image);
            var mask = layer.Mask is null ? null : Mine(layer.Mask);
            if (canvas is not null && (ReferenceEquals(image, canvas) || ReferenceEquals(mask, canvas)))
                throw new ArgumentException($"Layer {i} draws the canvas onto itself; composite a copy instead.", nameof(layers));
            if (!plan.Visible)
                continue;
            fused.Add(new CpuKernels.FusedLayer(Array(image), image.Width, image.Height, layer.X, layer.Y, plan.Opacity,
                mask is null ? null : Array(mask), layer.Mode, plan.HasFade, FadeConstants.For(layer.FadeColor, plan.FadeAmount)));
        }
        return [.. fused];
    }

    public void Fade(DeviceImage target, Rgba color, float amount)
    {
        var image = Mine(target);
        CpuKernels.Fade(Array(image), image.Width, image.Height, color, Math.Clamp(amount, 0f, 1f));
    }

    public void Gradient(DeviceImage target, in GradientParams parameters)
    {
        var image = Mine(target);
        CpuKernels.Gradient(Array(image), image.Width, image.Height, parameters);
    }

    public void Premultiply(DeviceImage target)
    {
        var image = Mine(target);
        CpuKernels.Premultiply(Array(image), image.Width, image.Height);
    }

    public void Unpremultiply(DeviceImage target)
    {
        var image = Mine(target);
        CpuKernels.Unpremultiply(Array(image), image.Width, image.Height);
    }

    public void Resize(DeviceImage source, DeviceImage target)
    {
        var s = Mine(source);
        var t = Mine(target);
        CpuKernels.Resize(Array(s), s.Width, s.Height, Array(t), t.Width, t.Height);
    }

    public void Resize(DeviceImage source, DeviceImage target, ResizeFilter filter)
    {
        if (filter == ResizeFilter.Bilinear)
        {
            Resize(source, target);
            return;
        }
        var f = (int)filter;
        SeparableResize.Run(Mine(source), Mine(target), filter, (w, h) => (CpuImage)Allocate(w, h),
            (s, t, vertical) => CpuKernels.ResampleAxis(Array(s), s.Width, s.Height, Array(t), t.Width, t.Height, f, vertical));
    }

    public void MirrorX(DeviceImage source, DeviceImage target)
    {
        var (s, t) = SameSizePair(source, target, "A mirror");
        CpuKernels.MirrorX(Array(s), Array(t), s.Width, s.Height);
    }

    public void MirrorY(DeviceImage source, DeviceImage target)
    {
        var (s, t) = SameSizePair(source, target, "A mirror");
        CpuKernels.MirrorY(Array(s), Array(t), s.Width, s.Height);
    }

    private (CpuImage Source, CpuImage Target) SameSizePair(DeviceImage source, DeviceImage target, string what)
    {
        var s = Mine(source);
        var t = Mine(target);
        if (ReferenceEquals(s, t))
            throw new ArgumentException($"{what} needs a target distinct from its source.", nameof(target));
        if (s.Width != t.Width || s.Height != t.Height)
            throw new ArgumentException($"{what}'s target must have its source's size: the source is {s.Width}x{s.Height}, the target {t.Width}x{t.Height}.", nameof(target));
        return (s, t);
    }

    public void Rotate(DeviceImage source, DeviceImage target, float degrees, Rgba background)
    {
        var s = Mine(source);
        var t = Mine(target);
        if (ReferenceEquals(s, t))
            throw new ArgumentException("Rotate needs a target distinct from its source.", nameof(target));
        var (cos, sin) = KernelMath.CosSin(degrees);
        CpuKernels.Rotate(Array(s), s.Width, s.Height, Array(t), t.Width, t.Height, cos, sin, KernelMath.PremultipliedBytes(background));
    }

    public void AdjustColors(DeviceImage target, in ColorParams parameters)
    {
        var image = Mine(target);
        CpuKernels.AdjustColors(Array(image), image.Width, image.Height, parameters);
    }

    public void GaussianBlur(DeviceImage source, DeviceImage target, float sigma)
    {
        var s = Mine(source);
        var t = Mine(target);
        if (s.Width != t.Width || s.Height != t.Height)
            throw new ArgumentException($"A blur's target must have its source's size: the source is {s.Width}x{s.Height}, the target {t.Width}x{t.Height}.", nameof(target));
        var radius = KernelMath.BlurRadius(sigma);
        using var temp = (CpuImage)Allocate(s.Width, s.Height);
        CpuKernels.BlurAxis(Array(s), Array(temp), s.Width, s.Height, sigma, radius, vertical: false);
        CpuKernels.BlurAxis(Array(temp), Array(t), s.Width, s.Height, sigma, radius, vertical: true);
    }

    public void ChromaKey(DeviceImage target, in ChromaKeyParams parameters)
    {
        var image = Mine(target);
        CpuKernels.ChromaKey(Array(image), image.Width, image.Height, parameters);
    }

    public void ApplyPixelEffect(DeviceImage target, PixelEffect effect, float time)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var image = Mine(target);
        RunPixelFunction(Array(image), image.Width, image.Height, effect, time);
    }

    /// <summary>Runs an effect's C# function over RGBA8 premultiplied pixels (the CUDA backend's fallback too).</summary>
    /// <exception cref="PixelEffectException">The effect has no C# function.</exception>
    internal static void RunPixelFunction(byte[] pixels, int width, int height, PixelEffect effect, float time)
    {
        var function = effect.Cpu ?? throw new PixelEffectException(
            $"The pixel effect '{effect.Name}' has no CPU version, and this render runs on the CPU backend. " +
            "Write one next to the CUDA code, as cpu: (px, x, y, t) => ... returning the new Float4, or run with a GPU (--backend cuda).");
        try
        {
            CpuKernels.PixelEffect(pixels, width, height, function, time);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // Parallel rows wrap the user's exception; rethrow the first as the function threw it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    public void Transition(DeviceImage from, DeviceImage to, DeviceImage target, in TransitionParams parameters)
    {
        var (f, t, d) = TransitionImages(from, to, target);
        CpuKernels.Transition(Array(f), Array(t), Array(d), d.Width, d.Height, parameters.Kind, Math.Clamp(parameters.Progress, 0f, 1f), KernelMath.PremultipliedBytes(parameters.Color));
    }

    public void ApplyTransitionEffect(DeviceImage from, DeviceImage to, DeviceImage target, TransitionEffect effect, float progress)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var (f, t, d) = TransitionImages(from, to, target);
        RunTransitionFunction(Array(f), Array(t), Array(d), d.Width, d.Height, effect, progress);
    }

    private (CpuImage From, CpuImage To, CpuImage Target) TransitionImages(DeviceImage from, DeviceImage to, DeviceImage target)
    {
        var (f, t, d) = (Mine(from), Mine(to), Mine(target));
        KernelMath.CheckTransition(f, t, d);
        return (f, t, d);
    }

    /// <summary>Runs a transition's C# function over RGBA8 premultiplied pixels (the CUDA backend's fallback too).</summary>
    /// <exception cref="PixelEffectException">The transition has no C# function.</exception>
    internal static void RunTransitionFunction(byte[] from, byte[] to, byte[] target, int width, int height, TransitionEffect effect, float progress)
    {
        var function = effect.Cpu ?? throw new PixelEffectException(
            $"The transition '{effect.Name}' has no CPU version, and this render runs on the CPU backend. " +
            "Write one next to the CUDA code, as cpu: (a, b, x, y, p) => ... returning the new Float4, or run with a GPU (--backend cuda).");
        try
        {
            CpuKernels.TransitionEffect(from, to, target, width, height, function, progress);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    public void ConvertToYuv420(DeviceImage source, Span<byte> i420)
    {
        var image = Mine(source);
        KernelMath.CheckI420Output(image.Width, image.Height, i420.Length, nameof(i420));
        CpuKernels.ConvertToYuv420(Array(image), image.Width, image.Height, i420);
    }

    public void Synchronize()
    {
    }

    public void Dispose() => _pool.Clear();

    /// <summary>The image as this backend's own, or throws when another backend allocated it.</summary>
    private CpuImage Mine(DeviceImage image) =>
        image is CpuImage cpu && ReferenceEquals(cpu.Owner, this)
            ? cpu
            : throw new ArgumentException("This image was allocated by another backend.", nameof(image));

    private static byte[] Array(CpuImage image) => image.PixelArray;
}
