using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// The GPU backend: images in device memory from a pool (no allocation per frame once warm), kernels from
/// <c>Kernels/*.cu</c> compiled by NVRTC, launched on one stream with arguments passed through a stack-allocated pointer
/// array (nothing boxed per launch). Host copies go through a pinned staging buffer.
/// </summary>
public sealed unsafe class CudaBackend : IComputeBackend
{
    private const uint Block = 16;

    private readonly IKernelRuntime _runtime;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, Stack<ulong>> _free = [];
    private readonly HashSet<ulong> _allocated = [];
    private ulong _yuv;
    private long _yuvBytes;
    private ulong _i420;
    private long _i420Bytes;
    private ulong[] _layerInputs = [];
    private long[] _layerInputBytes = [];
    private nint _fill, _composite, _fade, _gradient, _premultiply, _unpremultiply, _resize, _yuv420, _yuvToRgba;
    private nint _compositeBlend, _mirrorX, _mirrorY, _rotate, _resample, _blur, _adjustColors, _chromaKey, _yuvFill, _yuvLayer, _yuvOverlay;
    private bool _disposed;

    /// <summary>Opens the first GPU.</summary>
    /// <exception cref="BackendUnavailableException">No usable GPU, driver or NVRTC; the message says which.</exception>
    public CudaBackend(string? kernelCacheDirectory = null)
    {
        var status = CudaLoader.Probe();
        if (!status.IsAvailable || status.Device is not { } device)
            throw new BackendUnavailableException($"The CUDA backend is not available: {status.Reason}. Run 'sc doctor' for details, or use --backend cpu.");
        if (!KernelTarget.TryChoose(device, status.Nvrtc, out var target, out var reason))
            throw new BackendUnavailableException($"The CUDA backend is not available: {reason}.");
        _runtime = new CudaRuntime(device, target, new KernelCompiler(kernelCacheDirectory));
        Status = status;
    }

    /// <summary>A backend over another runtime (the tests' CPU-compiled kernels).</summary>
    internal CudaBackend(IKernelRuntime runtime)
    {
        _runtime = runtime;
    }

    public string Name => "cuda";

    public string Device => _runtime.DeviceName;

    /// <summary>What the loader found, when this backend runs on the CUDA driver.</summary>
    public CudaStatus? Status { get; }

    /// <summary>Compiles and loads every kernel now rather than at first use (so the first frame is not slower).</summary>
    public void Warm()
    {
        foreach (var kernel in KernelSources.All)
            foreach (var entry in kernel.EntryPoints)
                _runtime.GetFunction(kernel.Name, entry);
    }

    public DeviceImage Allocate(int width, int height)
    {
        var bytes = checked((long)width * height * 4);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_free.TryGetValue(bytes, out var stack) && stack.TryPop(out var pooled))
                return new CudaImage(this, width, height, pooled);
        }
        ulong pointer;
        try
        {
            pointer = _runtime.Allocate(bytes);
        }
        catch (OutOfMemoryException)
        {
            TrimPool();
            pointer = _runtime.Allocate(bytes);
        }
        lock (_gate)
            _allocated.Add(pointer);
        return new CudaImage(this, width, height, pointer);
    }

    internal void Return(ulong pointer, long bytes)
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            if (!_free.TryGetValue(bytes, out var stack))
                _free[bytes] = stack = new Stack<ulong>();
            stack.Push(pointer);
        }
    }

    /// <summary>Frees every pooled allocation no image is using.</summary>
    public void TrimPool()
    {
        lock (_gate)
        {
            _runtime.Synchronize();
            foreach (var pointer in _free.Values.SelectMany(s => s))
            {
                _allocated.Remove(pointer);
                _runtime.Free(pointer);
            }
            _free.Clear();
        }
    }

    public void Upload(ReadOnlySpan<byte> rgba, DeviceImage target)
    {
        var image = Own(target);
        if (rgba.Length != image.ByteCount)
            throw new ArgumentException($"Upload of {rgba.Length} bytes into a {image.Width}x{image.Height} image ({image.ByteCount} bytes).", nameof(rgba));
        _runtime.CopyToDevice(rgba, image.Pointer);
    }

    /// <remarks>
    /// The frame goes through the pinned staging buffer (an async copy) into a device buffer kept for I420 input, then one thread
    /// per 2×2 block converts it; both buffers only grow, so once warm a frame allocates nothing.
    /// </remarks>
    public void UploadYuv420(ReadOnlySpan<byte> i420, DeviceImage target, YuvMatrix matrix, YuvRange range)
    {
        var image = Own(target);
        var k = Cpu.CpuKernels.YuvConstants.For(matrix, range);
        Cpu.CpuBackend.CheckI420(i420.Length, image, nameof(i420));
        var layout = new Yuv420Layout(image.Width, image.Height);

        var input = Scratch(ref _i420, ref _i420Bytes, layout.TotalBytes);
        _runtime.CopyToDevice(i420, input);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height;
        float yOffset = k.YOffset, yScale = k.YScale, cScale = k.CScale, rv = k.Rv, gu = k.Gu, gv = k.Gv, bu = k.Bu;
        var args = stackalloc void*[] { &input, &width, &height, &pixels, &yOffset, &yScale, &cScale, &rv, &gu, &gv, &bu };
        Launch(Function(ref _yuvToRgba, "yuv420_to_rgba", "sc_yuv420_to_rgba"), layout.ChromaWidth, layout.ChromaHeight, args, 11);
    }

    public void Download(DeviceImage source, Span<byte> rgba)
    {
        var image = Own(source);
        if (rgba.Length < image.ByteCount)
            throw new ArgumentException($"Download of a {image.Width}x{image.Height} image needs {image.ByteCount} bytes; the buffer has {rgba.Length}.", nameof(rgba));
        _runtime.CopyToHost(image.Pointer, rgba[..image.ByteCount]);
    }

    public void Fill(DeviceImage target, Rgba color)
    {
        var image = Own(target);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height, r = color.R, g = color.G, b = color.B, a = color.A;
        var args = stackalloc void*[] { &pixels, &width, &height, &r, &g, &b, &a };
        Launch(Function(ref _fill, "fill", "sc_fill"), width, height, args, 7);
    }

    public void Composite(DeviceImage canvas, DeviceImage layer, in CompositeParams parameters)
    {
        var c = Own(canvas);
        var l = Own(layer);
        ulong maskPointer = 0;
        if (parameters.Mask is not null)
        {
            var mask = Own(parameters.Mask);
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
            Launch(Function(ref _composite, "composite", "sc_composite"), (int)width, (int)height, args, 10);
        }
        else
        {
            if (!Enum.IsDefined(parameters.Mode))
                throw new ArgumentException($"There is no blend mode {mode}.", nameof(parameters));
            var args = stackalloc void*[] { &canvasPointer, &cw, &ch, &layerPointer, &lw, &lh, &maskPointer, &x0, &y0, &opacity, &mode };
            Launch(Function(ref _compositeBlend, "composite", "sc_composite_blend"), (int)width, (int)height, args, 11);
        }
    }

    public void CompositeLayers(DeviceImage canvas, Rgba background, ReadOnlySpan<LayerDraw> layers)
    {
        var c = Own(canvas);
        var (kernel, draws) = Plan(layers, c.Width, c.Height, c);
        LaunchLayers(_runtime.GetFunction(kernel.Source, kernel.EntryPoint), kernel, draws, c.Pointer, c.Width, c.Height, background, c.Width, c.Height);
    }

    public void CompositeLayersToYuv420(int width, int height, Rgba background, ReadOnlySpan<LayerDraw> layers, Span<byte> yuv)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var layout = new Yuv420Layout(width, height);
        if (yuv.Length < layout.TotalBytes)
            throw new ArgumentException($"A {width}x{height} I420 frame needs {layout.TotalBytes} bytes; the buffer has {yuv.Length}.", nameof(yuv));
        var (kernel, draws) = Plan(layers, width, height, canvas: null);
        var output = Scratch(ref _yuv, ref _yuvBytes, layout.TotalBytes);
        LaunchLayers(_runtime.GetFunction(kernel.Source, kernel.YuvEntryPoint), kernel, draws, output, width, height, background, layout.ChromaWidth, layout.ChromaHeight);
        _runtime.CopyToHost(output, yuv[..layout.TotalBytes]);
    }

    public void CompositeYuv420Layers(int width, int height, Rgba background, ReadOnlySpan<Yuv420Layer> layers, Span<byte> yuv)
    {
        var plans = Yuv420LayerPlan.OfAll(layers, width, height, yuv.Length, image => Own(image));
        var layout = new Yuv420Layout(width, height);
        var output = Scratch(ref _yuv, ref _yuvBytes, layout.TotalBytes);

        var (by, bu, bv) = Yuv420LayerPlan.Background(background);
        int w = width, h = height, y0 = by, u0 = bu, v0 = bv;
        var fillArgs = stackalloc void*[] { &output, &w, &h, &y0, &u0, &v0 };
        Launch(Function(ref _yuvFill, "yuv420_layers", "sc_yuv420_fill"), layout.ChromaWidth, layout.ChromaHeight, fillArgs, 6);

        var layerFunction = Function(ref _yuvLayer, "yuv420_layers", "sc_yuv420_layer");
        for (var i = 0; i < layers.Length; i++)
        {
            var layer = layers[i];
            var p = plans[i];
            if (!p.Visible)
                continue;
            if (layer.Overlay is { } picture)
            {
                // The picture's bounding blocks in the frame's chroma plane.
                int first = Math.Max(0, layer.X) / 2, firstRow = Math.Max(0, layer.Y) / 2;
                var across = Math.Min(layout.ChromaWidth, (layer.X + picture.Width + 1) / 2) - first;
                var down = Math.Min(layout.ChromaHeight, (layer.Y + picture.Height + 1) / 2) - firstRow;
                LaunchYuv420Overlay(Function(ref _yuvOverlay, "yuv420_layers", "sc_yuv420_overlay"), Own(picture), layer.X, layer.Y, p.Opacity,
                    output, width, height, first, firstRow, across, down);
                continue;
            }
            // The visible part of the layer in the frame's chroma plane.
            int left = Math.Max(0, layer.X / 2), top = Math.Max(0, layer.Y / 2);
            var columns = Math.Min(layout.ChromaWidth, (layer.X + layer.Width) / 2) - left;
            var rows = Math.Min(layout.ChromaHeight, (layer.Y + layer.Height) / 2) - top;
            var input = LayerInput(i, layer.I420.Length);
            _runtime.CopyToDevice(layer.I420.Span, input);
            LaunchYuv420Layer(layerFunction, input, layer, p, output, width, height, left, top, columns, rows);
        }
        _runtime.CopyToHost(output, yuv[..layout.TotalBytes]);
    }

    private void LaunchYuv420Overlay(nint function, CudaImage picture, int x, int y, float opacity, ulong output, int width, int height,
        int left, int top, int columns, int rows)
    {
        ulong pixels = picture.Pointer;
        int pw = picture.Width, ph = picture.Height;
        var args = stackalloc void*[] { &pixels, &pw, &ph, &x, &y, &output, &width, &height, &left, &top, &columns, &rows, &opacity };
        Launch(function, columns, rows, args, 13);
    }

    private void LaunchYuv420Layer(nint function, ulong input, in Yuv420Layer layer, in Yuv420LayerPlan p, ulong output, int width, int height,
        int left, int top, int columns, int rows)
    {
        int sw = layer.Width, sh = layer.Height, x = layer.X, y = layer.Y;
        float opacity = p.Opacity, inverse = p.Inverse, keep = p.Keep, fy = p.FadeY, fu = p.FadeU, fv = p.FadeV;
        var c = p.Conversion;
        float ky = c.LumaScale, iy = c.LumaOffset, a = c.LumaCb, b = c.LumaCr, uu = c.CbCb, uv = c.CbCr, vu = c.CrCb, vv = c.CrCr;
        var args = stackalloc void*[]
        {
            &input, &sw, &sh, &x, &y, &output, &width, &height, &left, &top, &columns, &rows, &opacity, &inverse, &keep, &fy, &fu, &fv,
            &ky, &iy, &a, &b, &uu, &uv, &vu, &vv,
        };
        Launch(function, columns, rows, args, 26);
    }

    /// <summary>The device buffer layer <paramref name="index"/>'s I420 frame is uploaded to: one per layer, as the launches are queued.</summary>
    private ulong LayerInput(int index, long bytes)
    {
        lock (_gate)
        {
            if (_layerInputs.Length <= index)
            {
                Array.Resize(ref _layerInputs, index + 1);
                Array.Resize(ref _layerInputBytes, index + 1);
            }
        }
        return Scratch(ref _layerInputs[index], ref _layerInputBytes[index], bytes);
    }

    /// <summary>
    /// The layers that can change a pixel (visible, overlapping the canvas), validated, and the kernel of their shape.
    /// </summary>
    private (LayerKernel Kernel, List<(LayerDraw Draw, LayerPlan Plan)> Draws) Plan(ReadOnlySpan<LayerDraw> layers, int width, int height, CudaImage? canvas)
    {
        var draws = new List<(LayerDraw, LayerPlan)>(layers.Length);
        var shape = new List<LayerShape>(layers.Length);
        for (var i = 0; i < layers.Length; i++)
        {
            var layer = layers[i];
            var plan = LayerPlan.Of(layer, i);
            var image = Own(layer.Image);
            var mask = layer.Mask is null ? null : Own(layer.Mask);
            if (canvas is not null && (ReferenceEquals(image, canvas) || ReferenceEquals(mask, canvas)))
                throw new ArgumentException($"Layer {i} draws the canvas onto itself; composite a copy instead.", nameof(layers));
            if (LayerShape.Of(layer, i, width, height) is not { } layerShape)
                continue;
            draws.Add((layer, plan));
            shape.Add(layerShape);
        }
        return (LayerKernel.For(shape), draws);
    }

    private void LaunchLayers(nint function, LayerKernel kernel, List<(LayerDraw Draw, LayerPlan Plan)> draws, ulong output, int width, int height, Rgba background, int gridWidth, int gridHeight)
    {
        var count = kernel.ArgumentCount;
        var slots = stackalloc ulong[count];
        var pointers = stackalloc void*[count];
        var args = new KernelArguments(slots, pointers, count);
        var bg = Cpu.CpuKernels.PremultipliedBytes(background);
        args.Add(output);
        args.Add(width);
        args.Add(height);
        args.Add((int)bg.R);
        args.Add((int)bg.G);
        args.Add((int)bg.B);
        args.Add((int)bg.A);
        foreach (var (draw, plan) in draws)
        {
            var image = Own(draw.Image);
            args.Add(image.Pointer);
            args.Add(image.Width);
            args.Add(image.Height);
            args.Add(draw.X);
            args.Add(draw.Y);
            args.Add(plan.Opacity);
            if (draw.Mask is not null)
                args.Add(Own(draw.Mask).Pointer);
            if (plan.HasFade)
            {
                var fade = Cpu.CpuKernels.FadeConstants.For(draw.FadeColor, plan.FadeAmount);
                args.Add(fade.Keep);
                args.Add(fade.R);
                args.Add(fade.G);
                args.Add(fade.B);
            }
        }
        if (args.Count != count)
            throw new InvalidOperationException($"The fused kernel takes {count} arguments but {args.Count} were packed.");
        Launch(function, gridWidth, gridHeight, args.Pointers, count);
    }

    public void Fade(DeviceImage target, Rgba color, float amount)
    {
        var image = Own(target);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height, r = color.R, g = color.G, b = color.B;
        var clamped = Math.Clamp(amount, 0f, 1f);
        var args = stackalloc void*[] { &pixels, &width, &height, &r, &g, &b, &clamped };
        Launch(Function(ref _fade, "fade", "sc_fade"), width, height, args, 7);
    }

    public void Gradient(DeviceImage target, in GradientParams parameters)
    {
        var image = Own(target);
        var p = parameters;
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height, kind = (int)p.Kind;
        float x1 = p.X1, y1 = p.Y1, x2 = p.X2, y2 = p.Y2, radius = p.Radius, offset = p.Offset;
        int r1 = p.Color1.R, g1 = p.Color1.G, b1 = p.Color1.B, a1 = p.Color1.A;
        int r2 = p.Color2.R, g2 = p.Color2.G, b2 = p.Color2.B, a2 = p.Color2.A;
        var args = stackalloc void*[]
        {
            &pixels, &width, &height, &kind, &x1, &y1, &x2, &y2, &radius, &offset,
            &r1, &g1, &b1, &a1, &r2, &g2, &b2, &a2,
        };
        Launch(Function(ref _gradient, "gradient", "sc_gradient"), width, height, args, 18);
    }

    public void Premultiply(DeviceImage target) => InPlace(target, ref _premultiply, "sc_premultiply");

    public void Unpremultiply(DeviceImage target) => InPlace(target, ref _unpremultiply, "sc_unpremultiply");

    private void InPlace(DeviceImage target, ref nint function, string entryPoint)
    {
        var image = Own(target);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height;
        var args = stackalloc void*[] { &pixels, &width, &height };
        Launch(Function(ref function, "alpha", entryPoint), width, height, args, 3);
    }

    public void Resize(DeviceImage source, DeviceImage target)
    {
        var s = Own(source);
        var t = Own(target);
        if (ReferenceEquals(s, t))
            throw new ArgumentException("Resize needs a target distinct from its source.", nameof(target));
        ulong sp = s.Pointer, tp = t.Pointer;
        int sw = s.Width, sh = s.Height, tw = t.Width, th = t.Height;
        var args = stackalloc void*[] { &sp, &sw, &sh, &tp, &tw, &th };
        Launch(Function(ref _resize, "resize", "sc_resize"), tw, th, args, 6);
    }

    public void Resize(DeviceImage source, DeviceImage target, ResizeFilter filter)
    {
        if (filter == ResizeFilter.Bilinear)
        {
            Resize(source, target);
            return;
        }
        SeparableResize.Run(Own(source), Own(target), filter, (w, h) => Own(Allocate(w, h)), (s, t, vertical) => ResampleAxis(s, t, filter, vertical));
    }

    private void ResampleAxis(CudaImage s, CudaImage t, ResizeFilter filter, bool vertical)
    {
        ulong sp = s.Pointer, tp = t.Pointer;
        int sw = s.Width, sh = s.Height, tw = t.Width, th = t.Height, f = (int)filter, v = vertical ? 1 : 0;
        var args = stackalloc void*[] { &sp, &sw, &sh, &tp, &tw, &th, &f, &v };
        Launch(Function(ref _resample, "resample", "sc_resample_axis"), tw, th, args, 8);
    }

    public void MirrorX(DeviceImage source, DeviceImage target) => Mirror(source, target, ref _mirrorX, "sc_mirror_x");

    public void MirrorY(DeviceImage source, DeviceImage target) => Mirror(source, target, ref _mirrorY, "sc_mirror_y");

    private void Mirror(DeviceImage source, DeviceImage target, ref nint function, string entryPoint)
    {
        var s = Own(source);
        var t = Own(target);
        if (ReferenceEquals(s, t))
            throw new ArgumentException("A mirror needs a target distinct from its source.", nameof(target));
        if (s.Width != t.Width || s.Height != t.Height)
            throw new ArgumentException($"A mirror's target must have its source's size: the source is {s.Width}x{s.Height}, the target {t.Width}x{t.Height}.", nameof(target));
        ulong sp = s.Pointer, tp = t.Pointer;
        int width = s.Width, height = s.Height;
        var args = stackalloc void*[] { &sp, &tp, &width, &height };
        Launch(Function(ref function, "mirror", entryPoint), width, height, args, 4);
    }

    public void Rotate(DeviceImage source, DeviceImage target, float degrees, Rgba background)
    {
        var s = Own(source);
        var t = Own(target);
        if (ReferenceEquals(s, t))
            throw new ArgumentException("Rotate needs a target distinct from its source.", nameof(target));
        var (cos, sin) = Cpu.CpuKernels.CosSin(degrees);
        var bg = Cpu.CpuKernels.PremultipliedBytes(background);
        ulong sp = s.Pointer, tp = t.Pointer;
        int sw = s.Width, sh = s.Height, tw = t.Width, th = t.Height, br = bg.R, bgg = bg.G, bb = bg.B, ba = bg.A;
        var args = stackalloc void*[] { &sp, &sw, &sh, &tp, &tw, &th, &cos, &sin, &br, &bgg, &bb, &ba };
        Launch(Function(ref _rotate, "rotate", "sc_rotate"), tw, th, args, 12);
    }

    public void AdjustColors(DeviceImage target, in ColorParams parameters)
    {
        var image = Own(target);
        var p = parameters;
        var (grayR, grayG, grayB) = p.BlackWhite ? Cpu.CpuKernels.GrayWeights(p) : (0f, 0f, 0f);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height, gray = p.BlackWhite ? 1 : 0, invert = p.Invert ? 1 : 0;
        float mulR = p.MultiplyR, mulG = p.MultiplyG, mulB = p.MultiplyB, contrast = p.Contrast, brightness = p.Brightness, gamma = p.Gamma, saturation = p.Saturation;
        var args = stackalloc void*[]
        {
            &pixels, &width, &height, &mulR, &mulG, &mulB, &contrast, &brightness, &gamma, &saturation, &gray, &grayR, &grayG, &grayB, &invert,
        };
        Launch(Function(ref _adjustColors, "color", "sc_adjust_colors"), width, height, args, 15);
    }

    public void GaussianBlur(DeviceImage source, DeviceImage target, float sigma)
    {
        var s = Own(source);
        var t = Own(target);
        if (s.Width != t.Width || s.Height != t.Height)
            throw new ArgumentException($"A blur's target must have its source's size: the source is {s.Width}x{s.Height}, the target {t.Width}x{t.Height}.", nameof(target));
        var radius = Cpu.CpuKernels.BlurRadius(sigma);
        using var temp = Own(Allocate(s.Width, s.Height));
        BlurAxis(s, temp, sigma, radius, vertical: false);
        BlurAxis(temp, t, sigma, radius, vertical: true);
    }

    private void BlurAxis(CudaImage s, CudaImage t, float sigma, int radius, bool vertical)
    {
        ulong sp = s.Pointer, tp = t.Pointer;
        int width = s.Width, height = s.Height, v = vertical ? 1 : 0;
        var args = stackalloc void*[] { &sp, &tp, &width, &height, &sigma, &radius, &v };
        Launch(Function(ref _blur, "blur", "sc_blur_axis"), width, height, args, 7);
    }

    public void ChromaKey(DeviceImage target, in ChromaKeyParams parameters)
    {
        var image = Own(target);
        var p = parameters;
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height, kr = p.Color.R, kg = p.Color.G, kb = p.Color.B;
        int rgb = p.Distance == ChromaKeyDistance.Rgb ? 1 : 0;
        float threshold = p.Threshold, softness = p.Softness;
        var args = stackalloc void*[] { &pixels, &width, &height, &kr, &kg, &kb, &threshold, &softness, &rgb };
        Launch(Function(ref _chromaKey, "chromakey", "sc_chroma_key"), width, height, args, 9);
    }

    /// <remarks>An effect without a CUDA body runs its C# function on the host (one download and one upload).</remarks>
    public void ApplyPixelEffect(DeviceImage target, PixelEffect effect, float time)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var image = Own(target);
        if (effect.Cuda is null)
        {
            var pixels = GC.AllocateUninitializedArray<byte>(image.ByteCount);
            Download(image, pixels);
            Cpu.CpuBackend.RunPixelFunction(pixels, image.Width, image.Height, effect, time);
            Upload(pixels, image);
            return;
        }
        var kernel = effect.Kernel;
        nint function;
        try
        {
            function = _runtime.GetFunction(kernel.Source, kernel.EntryPoint);
        }
        catch (KernelCompileException e)
        {
            throw new PixelEffectCompileException(effect.Name, kernel, e);
        }
        ulong pointer = image.Pointer;
        int width = image.Width, height = image.Height;
        var t = time;
        var args = stackalloc void*[] { &pointer, &width, &height, &t };
        Launch(function, width, height, args, 4);
    }

    public void ConvertToYuv420(DeviceImage source, Span<byte> yuv)
    {
        var image = Own(source);
        var layout = new Yuv420Layout(image.Width, image.Height);
        if (yuv.Length < layout.TotalBytes)
            throw new ArgumentException($"A {image.Width}x{image.Height} I420 frame needs {layout.TotalBytes} bytes; the buffer has {yuv.Length}.", nameof(yuv));

        var output = Scratch(ref _yuv, ref _yuvBytes, layout.TotalBytes);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height;
        var args = stackalloc void*[] { &pixels, &width, &height, &output };
        Launch(Function(ref _yuv420, "yuv420", "sc_rgba_to_yuv420"), layout.ChromaWidth, layout.ChromaHeight, args, 4);
        _runtime.CopyToHost(output, yuv[..layout.TotalBytes]);
    }

    /// <summary>
    /// A device buffer kept for I420 frames (<see cref="_yuv"/>: written before their download; <see cref="_i420"/>: uploaded before
    /// their conversion), at least <paramref name="bytes"/> long: grown (after the queued work that may use it) and never shrunk.
    /// </summary>
    private ulong Scratch(ref ulong buffer, ref long size, long bytes)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (size < bytes)
            {
                if (buffer != 0)
                {
                    _runtime.Synchronize();
                    _runtime.Free(buffer);
                    buffer = 0;
                    size = 0;
                }
                buffer = _runtime.Allocate(bytes);
                size = bytes;
            }
            return buffer;
        }
    }

    public void Synchronize() => _runtime.Synchronize();

    private nint Function(ref nint cached, string kernel, string entryPoint)
    {
        if (cached == 0)
            cached = _runtime.GetFunction(kernel, entryPoint);
        return cached;
    }

    private void Launch(nint function, int width, int height, void** args, int count)
    {
        if (width <= 0 || height <= 0)
            return;
        _runtime.Launch(function, (uint)((width + Block - 1) / Block), (uint)((height + Block - 1) / Block), Block, Block, args, count);
    }

    private CudaImage Own(DeviceImage image) =>
        image is CudaImage cuda && ReferenceEquals(cuda.Owner, this)
            ? cuda
            : throw new ArgumentException("This image was allocated by another backend.", nameof(image));

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            try
            {
                _runtime.Synchronize();
                foreach (var pointer in _allocated)
                    _runtime.Free(pointer);
                if (_yuv != 0)
                    _runtime.Free(_yuv);
                if (_i420 != 0)
                    _runtime.Free(_i420);
                foreach (var input in _layerInputs.Where(p => p != 0))
                    _runtime.Free(input);
            }
            catch (CudaException)
            {
                // The context is unusable (e.g. after a kernel fault); destroying it below frees the memory anyway.
            }
            finally
            {
                _allocated.Clear();
                _free.Clear();
                _yuv = 0;
                _i420 = 0;
                _layerInputs = [];
                _layerInputBytes = [];
                _runtime.Dispose();
            }
        }
    }
}
