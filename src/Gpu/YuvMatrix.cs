namespace ScriptComposer.Gpu;

/// <summary>
/// The YCbCr matrix a YUV frame was made with (<see cref="IComputeBackend.UploadYuv420"/>): R = Y' + a·Cr', G = Y' − (b·Cb' + c·Cr'),
/// B = Y' + d·Cb', on values scaled to 0..255 by <see cref="YuvRange"/>.
/// </summary>
public enum YuvMatrix
{
    /// <summary>ITU-R BT.601 (SD, and what ffmpeg assumes for untagged video): a = 1.402, b = 0.344136, c = 0.714136, d = 1.772.</summary>
    Bt601 = 0,
    /// <summary>ITU-R BT.709 (HD): a = 1.5748, b = 0.187324, c = 0.468124, d = 1.8556.</summary>
    Bt709 = 1,
    /// <summary>ITU-R BT.2020, non-constant luminance (UHD, phones' HDR video): a = 1.4746, b = 0.164553, c = 0.571353, d = 1.8814.</summary>
    Bt2020 = 2,
}
