namespace ScriptComposer.Gpu;

/// <summary>
/// Brings Y'CbCr samples of one matrix and range to BT.709 limited range, the output's, without going through RGB. Decoding to RGB
/// (<see cref="IComputeBackend.UploadYuv420"/>) and encoding back (<see cref="IComputeBackend.ConvertToYuv420"/>) are both linear, and gray
/// stays gray, so the composition is, with Cb = U − 128, Cr = V − 128 and the luma's chroma taken from its 2×2 block (as the upload does):
/// Y' = 16 + <see cref="LumaScale"/>·(Y − <see cref="LumaOffset"/>) + <see cref="LumaCb"/>·Cb + <see cref="LumaCr"/>·Cr,
/// U' = 128 + <see cref="CbCb"/>·Cb + <see cref="CbCr"/>·Cr, V' = 128 + <see cref="CrCb"/>·Cb + <see cref="CrCr"/>·Cr, each summed left to right
/// in float32 and rounded. BT.709 limited itself is the identity (exactly: 1 and 0), so its samples come through unchanged.
/// </summary>
internal readonly record struct Yuv420Conversion(
    float LumaScale, float LumaOffset, float LumaCb, float LumaCr, float CbCb, float CbCr, float CrCb, float CrCr)
{
    public static Yuv420Conversion Identity { get; } = new(1f, 16f, 0f, 0f, 1f, 0f, 0f, 1f);

    public bool IsIdentity => this == Identity;

    public static Yuv420Conversion From(YuvMatrix matrix, YuvRange range)
    {
        if (matrix == YuvMatrix.Bt709 && range == YuvRange.Limited)
            return Identity;
        var k = YuvConstants.For(matrix, range);
        // Upload: R = Y' + Rv·Cr', G = Y' − (Gu·Cb' + Gv·Cr'), B = Y' + Bu·Cb'; then ConvertToYuv420's rows, whose luma weights sum to 1
        // and whose chroma weights sum to 0.
        const float luma = 219f / 255f, chroma = 224f / 255f;
        return new Yuv420Conversion(
            luma * k.YScale,
            k.YOffset,
            luma * k.CScale * (-0.7152f * k.Gu + 0.0722f * k.Bu),
            luma * k.CScale * (0.2126f * k.Rv - 0.7152f * k.Gv),
            chroma * k.CScale * (0.3854f * k.Gu + 0.5f * k.Bu),
            chroma * k.CScale * (-0.1146f * k.Rv + 0.3854f * k.Gv),
            chroma * k.CScale * (0.4542f * k.Gu - 0.0458f * k.Bu),
            chroma * k.CScale * (0.5f * k.Rv + 0.4542f * k.Gv));
    }
}
