namespace ScriptComposer.Gpu;

/// <summary>
/// The per-call constants of a YUV → RGB conversion (<see cref="IComputeBackend.UploadYuv420"/>): Y' = (Y − YOffset)·YScale,
/// Cb' = (U − 128)·CScale, Cr' likewise, then R = Y' + Rv·Cr', G = Y' − (Gu·Cb' + Gv·Cr'), B = Y' + Bu·Cb'. Computed once on the
/// host and passed to the kernel as they are, so every backend multiplies by the same floats.
/// </summary>
internal readonly record struct YuvConstants(float YOffset, float YScale, float CScale, float Rv, float Gu, float Gv, float Bu)
{
    /// <exception cref="ArgumentOutOfRangeException">An undefined matrix or range.</exception>
    public static YuvConstants For(YuvMatrix matrix, YuvRange range)
    {
        var (yOffset, yScale, cScale) = range switch
        {
            YuvRange.Limited => (16f, 255f / 219f, 255f / 224f),
            YuvRange.Full => (0f, 1f, 1f),
            _ => throw new ArgumentOutOfRangeException(nameof(range), range, "The range of a YUV frame is Limited or Full."),
        };
        return matrix switch
        {
            YuvMatrix.Bt601 => new YuvConstants(yOffset, yScale, cScale, 1.402f, 0.344136f, 0.714136f, 1.772f),
            YuvMatrix.Bt709 => new YuvConstants(yOffset, yScale, cScale, 1.5748f, 0.187324f, 0.468124f, 1.8556f),
            YuvMatrix.Bt2020 => new YuvConstants(yOffset, yScale, cScale, 1.4746f, 0.164553f, 0.571353f, 1.8814f),
            _ => throw new ArgumentOutOfRangeException(nameof(matrix), matrix, "The matrix of a YUV frame is Bt601, Bt709 or Bt2020."),
        };
    }
}
