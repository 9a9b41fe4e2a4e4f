namespace ScriptComposer.Gpu.Cuda;

/// <summary>Per-image operations: fill, fade, gradient, alpha, resampling, mirror, rotate, color, blur, chroma key, pixel effects.</summary>
public sealed unsafe partial class CudaBackend
{
    public void Fill(DeviceImage target, Rgba color)
    {
        var image = Mine(target);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height, r = color.R, g = color.G, b = color.B, a = color.A;
        var args = stackalloc void*[] { &pixels, &width, &height, &r, &g, &b, &a };
        Launch(Function("sc_fill"), width, height, args, 7);
    }

    public void Fade(DeviceImage target, Rgba color, float amount)
    {
        var image = Mine(target);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height, r = color.R, g = color.G, b = color.B;
        var clamped = Math.Clamp(amount, 0f, 1f);
        var args = stackalloc void*[] { &pixels, &width, &height, &r, &g, &b, &clamped };
        Launch(Function("sc_fade"), width, height, args, 7);
    }

    public void Gradient(DeviceImage target, in GradientParams parameters)
    {
        var image = Mine(target);
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
        Launch(Function("sc_gradient"), width, height, args, 18);
    }

    public void Premultiply(DeviceImage target) => InPlace(target, "sc_premultiply");

    public void Unpremultiply(DeviceImage target) => InPlace(target, "sc_unpremultiply");

    private void InPlace(DeviceImage target, string entryPoint)
    {
        var image = Mine(target);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height;
        var args = stackalloc void*[] { &pixels, &width, &height };
        Launch(Function(entryPoint), width, height, args, 3);
    }

    public void Resize(DeviceImage source, DeviceImage target)
    {
        var s = Mine(source);
        var t = Mine(target);
        if (ReferenceEquals(s, t))
            throw new ArgumentException("Resize needs a target distinct from its source.", nameof(target));
        ulong sp = s.Pointer, tp = t.Pointer;
        int sw = s.Width, sh = s.Height, tw = t.Width, th = t.Height;
        var args = stackalloc void*[] { &sp, &sw, &sh, &tp, &tw, &th };
        Launch(Function("sc_resize"), tw, th, args, 6);
    }

    public void Resize(DeviceImage source, DeviceImage target, ResizeFilter filter)
    {
        if (filter == ResizeFilter.Bilinear)
        {
            Resize(source, target);
            return;
        }
        SeparableResize.Run(Mine(source), Mine(target), filter, (w, h) => Mine(Allocate(w, h)), (s, t, vertical) => ResampleAxis(s, t, filter, vertical));
    }

    private void ResampleAxis(CudaImage s, CudaImage t, ResizeFilter filter, bool vertical)
    {
        ulong sp = s.Pointer, tp = t.Pointer;
        int sw = s.Width, sh = s.Height, tw = t.Width, th = t.Height, f = (int)filter, v = vertical ? 1 : 0;
        var args = stackalloc void*[] { &sp, &sw, &sh, &tp, &tw, &th, &f, &v };
        Launch(Function("sc_resample_axis"), tw, th, args, 8);
    }

    public void MirrorX(DeviceImage source, DeviceImage target) => Mirror(source, target, "sc_mirror_x");

    public void MirrorY(DeviceImage source, DeviceImage target) => Mirror(source, target, "sc_mirror_y");

    private void Mirror(DeviceImage source, DeviceImage target, string entryPoint)
    {
        var s = Mine(source);
        var t = Mine(target);
        if (ReferenceEquals(s, t))
            throw new ArgumentException("A mirror needs a target distinct from its source.", nameof(target));
        if (s.Width != t.Width || s.Height != t.Height)
            throw new ArgumentException($"A mirror's target must have its source's size: the source is {s.Width}x{s.Height}, the target {t.Width}x{t.Height}.", nameof(target));
        ulong sp = s.Pointer, tp = t.Pointer;
        int width = s.Width, height = s.Height;
        var args = stackalloc void*[] { &sp, &tp, &width, &height };
        Launch(Function(entryPoint), width, height, args, 4);
    }

    public void Rotate(DeviceImage source, DeviceImage target, float degrees, Rgba background)
    {
        var s = Mine(source);
        var t = Mine(target);
        if (ReferenceEquals(s, t))
            throw new ArgumentException("Rotate needs a target distinct from its source.", nameof(target));
        var (cos, sin) = KernelMath.CosSin(degrees);
        var bg = KernelMath.PremultipliedBytes(background);
        ulong sp = s.Pointer, tp = t.Pointer;
        int sw = s.Width, sh = s.Height, tw = t.Width, th = t.Height, br = bg.R, bgg = bg.G, bb = bg.B, ba = bg.A;
        var args = stackalloc void*[] { &sp, &sw, &sh, &tp, &tw, &th, &cos, &sin, &br, &bgg, &bb, &ba };
        Launch(Function("sc_rotate"), tw, th, args, 12);
    }

    public void AdjustColors(DeviceImage target, in ColorParams parameters)
    {
        var image = Mine(target);
        var p = parameters;
        var (grayR, grayG, grayB) = p.BlackWhite ? KernelMath.GrayWeights(p) : (0f, 0f, 0f);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height, gray = p.BlackWhite ? 1 : 0, invert = p.Invert ? 1 : 0;
        float mulR = p.MultiplyR, mulG = p.MultiplyG, mulB = p.MultiplyB, contrast = p.Contrast, brightness = p.Brightness, gamma = p.Gamma, saturation = p.Saturation;
        var args = stackalloc void*[]
        {
            &pixels, &width, &height, &mulR, &mulG, &mulB, &contrast, &brightness, &gamma, &saturation, &gray, &grayR, &grayG, &grayB, &invert,
        };
        Launch(Function("sc_adjust_colors"), width, height, args, 15);
    }

    public void GaussianBlur(DeviceImage source, DeviceImage target, float sigma)
    {
        var s = Mine(source);
        var t = Mine(target);
        if (s.Width != t.Width || s.Height != t.Height)
            throw new ArgumentException($"A blur's target must have its source's size: the source is {s.Width}x{s.Height}, the target {t.Width}x{t.Height}.", nameof(target));
        var radius = KernelMath.BlurRadius(sigma);
        using var temp = Mine(Allocate(s.Width, s.Height));
        BlurAxis(s, temp, sigma, radius, vertical: false);
        BlurAxis(temp, t, sigma, radius, vertical: true);
    }

    private void BlurAxis(CudaImage s, CudaImage t, float sigma, int radius, bool vertical)
    {
        ulong sp = s.Pointer, tp = t.Pointer;
        int width = s.Width, height = s.Height, v = vertical ? 1 : 0;
        var args = stackalloc void*[] { &sp, &tp, &width, &height, &sigma, &radius, &v };
        Launch(Function("sc_blur_axis"), width, height, args, 7);
    }

    public void ChromaKey(DeviceImage target, in ChromaKeyParams parameters)
    {
        var image = Mine(target);
        var p = parameters;
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height, kr = p.Color.R, kg = p.Color.G, kb = p.Color.B;
        int rgb = p.Distance == ChromaKeyDistance.Rgb ? 1 : 0;
        float threshold = p.Threshold, softness = p.Softness;
        var args = stackalloc void*[] { &pixels, &width, &height, &kr, &kg, &kb, &threshold, &softness, &rgb };
        Launch(Function("sc_chroma_key"), width, height, args, 9);
    }

    /// <remarks>An effect without a CUDA body runs its C# function on the host (one download and one upload).</remarks>
    public void ApplyPixelEffect(DeviceImage target, PixelEffect effect, float time)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var image = Mine(target);
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
            function = Function(kernel.Source, kernel.EntryPoint);
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
}
