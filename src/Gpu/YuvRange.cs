namespace ScriptComposer.Gpu;

/// <summary>How a YUV frame's bytes map to 0..255 (<see cref="IComputeBackend.UploadYuv420"/>).</summary>
public enum YuvRange
{
    /// <summary>"tv"/MPEG range: Y in 16..235, Cb and Cr in 16..240. Y' = (Y − 16)·255/219, Cb' = (U − 128)·255/224, Cr' = (V − 128)·255/224.</summary>
    Limited = 0,
    /// <summary>"pc"/JPEG range: every byte is used. Y' = Y, Cb' = U − 128, Cr' = V − 128.</summary>
    Full = 1,
}
