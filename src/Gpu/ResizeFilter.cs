namespace ScriptComposer.Gpu;

/// <summary>How <see cref="IComputeBackend.Resize(DeviceImage, DeviceImage, ResizeFilter)"/> samples the source.</summary>
public enum ResizeFilter
{
    /// <summary>Bilinear between the four nearest pixel centers (no widening when downscaling: fast, aliases when shrinking a lot).</summary>
    Bilinear = 0,
    /// <summary>Catmull-Rom cubic (a = −0.5), support 2 pixels, widened by the downscale ratio.</summary>
    Bicubic = 1,
    /// <summary>Lanczos windowed sinc with 3 lobes, support 3 pixels, widened by the downscale ratio.</summary>
    Lanczos3 = 2,
}
