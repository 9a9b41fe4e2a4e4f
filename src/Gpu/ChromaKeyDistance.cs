namespace ScriptComposer.Gpu;

/// <summary>How <see cref="IComputeBackend.ChromaKey"/> measures how far a pixel's color is from the key color.</summary>
public enum ChromaKeyDistance
{
    /// <summary>
    /// Euclidean distance of the BT.709 chroma (Cb, Cr) on 0..255 values: Cb = −0.1146 R − 0.3854 G + 0.5 B,
    /// Cr = 0.5 R − 0.4542 G − 0.0458 B: less sensitive to brightness than RGB. Range 0..≈256.
    /// </summary>
    CbCr = 0,
    /// <summary>Euclidean distance of (R, G, B) on 0..255 values (moviepy's mask_color). Range 0..≈441.7.</summary>
    Rgb = 1,
}
