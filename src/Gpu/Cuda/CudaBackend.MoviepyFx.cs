namespace ScriptComposer.Gpu.Cuda;

/// <summary>moviepy's pixel effects: lum_contrast, painting, mask_and / mask_or, supersample.</summary>
public sealed unsafe partial class CudaBackend
{
    public void LumContrast(DeviceImage target, float lum, float contrast, float threshold)
    {
        var image = Mine(target);
        ulong pixels = image.Pointer;
        int width = image.Width, height = image.Height;
        var args = stackalloc void*[] { &pixels, &width, &height, &lum, &contrast, &threshold };
        Launch(Function("sc_lum_contrast"), width, height, args, 6);
    }

    public void Painting(DeviceImage source, DeviceImage target, float saturation, float black)
    {
        var s = Mine(source);
        var t = Mine(target);
        if (ReferenceEquals(s, t))
            throw new ArgumentException("A painting needs a target distinct from its source.", nameof(target));
        if (s.Width != t.Width || s.Height != t.Height)
            throw new ArgumentException($"A painting's target must have its source's size: the source is {s.Width}x{s.Height}, the target {t.Width}x{t.Height}.", nameof(target));
        ulong sp = s.Pointer, tp = t.Pointer;
        int width = s.Width, height = s.Height;
        var args = stackalloc void*[] { &sp, &tp, &width, &height, &saturation, &black };
        Launch(Function("sc_painting"), width, height, args, 6);
    }

    public void MinMax(DeviceImage target, DeviceImage other, bool maximum)
    {
        var t = Mine(target);
        var o = Mine(other);
        if (o.Width != t.Width || o.Height != t.Height)
            throw new ArgumentException($"Both pictures of a minimum or maximum must have one size: {t.Width}x{t.Height} and {o.Width}x{o.Height}.", nameof(other));
        ulong tp = t.Pointer, op = o.Pointer;
        int width = t.Width, height = t.Height, max = maximum ? 1 : 0;
        var args = stackalloc void*[] { &tp, &op, &width, &height, &max };
        Launch(Function("sc_min_max"), width, height, args, 5);
    }

    public void Average(IReadOnlyList<DeviceImage> sources, DeviceImage target)
    {
        var t = Mine(target);
        KernelMath.CheckAverage(sources, t);
        // Four 16-bit sums a pixel: an image twice as wide holds eight bytes a pixel.
        using var sums = Mine(Allocate(t.Width * 2, t.Height));
        ulong sumsPointer = sums.Pointer, tp = t.Pointer;
        int width = t.Width, height = t.Height;
        ulong sp = 0;
        var first = 1;
        var add = stackalloc void*[] { &sp, &sumsPointer, &width, &height, &first };
        for (var i = 0; i < sources.Count; i++)
        {
            sp = Mine(sources[i]).Pointer;
            first = i == 0 ? 1 : 0;
            Launch(Function("sc_average_add"), width, height, add, 5);
        }
        var count = sources.Count;
        var end = stackalloc void*[] { &sumsPointer, &tp, &width, &height, &count };
        Launch(Function("sc_average_end"), width, height, end, 5);
    }
}
