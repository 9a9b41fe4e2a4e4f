namespace ScriptComposer.Gpu;

/// <summary>
/// How both backends run a bicubic or Lanczos resize: the checks, then one axis pass when only one side changes, else a
/// horizontal pass into a temporary image of the target's width and the source's height followed by a vertical pass.
/// </summary>
internal static class SeparableResize
{
    /// <param name="allocate">Makes the temporary image (width, height).</param>
    /// <param name="pass">Resamples source into target along one axis; true is vertical.</param>
    public static void Run<TImage>(TImage source, TImage target, ResizeFilter filter, Func<int, int, TImage> allocate, Action<TImage, TImage, bool> pass)
        where TImage : DeviceImage
    {
        if (filter is not (ResizeFilter.Bicubic or ResizeFilter.Lanczos3))
            throw new ArgumentOutOfRangeException(nameof(filter), filter, "Unknown resize filter.");
        if (ReferenceEquals(source, target))
            throw new ArgumentException("Resize needs a target distinct from its source.", nameof(target));
        if (source.Width == target.Width)
        {
            pass(source, target, true);
        }
        else if (source.Height == target.Height)
        {
            pass(source, target, false);
        }
        else
        {
            using var temp = allocate(target.Width, source.Height);
            pass(source, temp, false);
            pass(temp, target, true);
        }
    }
}
