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
    private nint _fill, _composite, _fade, _gradient, _premultiply, _unpremultiply, _resize, _yuv420;
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
        var args = stackalloc void*[] { &canvasPointer, &cw, &ch, &layerPointer, &lw, &lh, &maskPointer, &x0, &y0, &opacity };
        Launch(Function(ref _composite, "composite", "sc_composite"), (int)width, (int)height, args, 10);
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

    public void ConvertToYuv420(DeviceImage source, Span<byte> yuv)
    {
        var image = Own(source);
        var layout = new Yuv420Layout(image.Width, image.Height);
        if (yuv.Length < layout.TotalBytes)
            throw new ArgumentException($"A {image.Width}x{image.Height} I420 frame needs {layout.TotalBytes} bytes; the buffer has {yuv.Length}.", nameof(yuv));

        ulong output;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_yuvBytes < layout.TotalBytes)
            {
                if (_yuv != 0)
                {
                    _runtime.Synchronize();
                    _runtime.Free(_yuv);
                    _yuv = 0;
                    _yuvBytes = 0;
                }
                _yuv = _runtime.Allocate(layout.TotalBytes);
                _yuvBytes = layout.TotalBytes;
            }
            output = _yuv;
        }
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height;
        var args = stackalloc void*[] { &pixels, &width, &height, &output };
        Launch(Function(ref _yuv420, "yuv420", "sc_rgba_to_yuv420"), layout.ChromaWidth, layout.ChromaHeight, args, 4);
        _runtime.CopyToHost(output, yuv[..layout.TotalBytes]);
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
                _runtime.Dispose();
            }
        }
    }
}
