namespace ScriptComposer.Gpu.Cpu;

/// <summary>moviepy's pixel effects: lum_contrast, painting, mask_and / mask_or, supersample.</summary>
public sealed partial class CpuBackend
{
    public void LumContrast(DeviceImage target, float lum, float contrast, float threshold)
    {
        var image = Mine(target);
        CpuKernels.LumContrast(Array(image), image.Width, image.Height, lum, contrast, threshold);
    }

    public void Painting(DeviceImage source, DeviceImage target, float saturation, float black)
    {
        var (s, t) = SameSizePair(source, target, "A painting");
        CpuKernels.Painting(Array(s), Array(t), s.Width, s.Height, saturation, black);
    }

    public void MinMax(DeviceImage target, DeviceImage other, bool maximum)
    {
        var (o, t) = (Mine(other), Mine(target));
        if (o.Width != t.Width || o.Height != t.Height)
            throw new ArgumentException($"Both pictures of a minimum or maximum must have one size: {t.Width}x{t.Height} and {o.Width}x{o.Height}.", nameof(other));
        CpuKernels.MinMax(Array(t), Array(o), t.Width, t.Height, maximum);
    }

    public void Average(IReadOnlyList<DeviceImage> sources, DeviceImage target)
    {
        var t = Mine(target);
        var arrays = KernelMath.CheckAverage(sources, t).Select(s => Array(Mine(s))).ToArray();
        CpuKernels.Average(arrays, Array(t), t.Width, t.Height);
    }
}
