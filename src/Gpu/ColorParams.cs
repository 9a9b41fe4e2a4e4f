namespace ScriptComposer.Gpu;

/// <summary>
/// Color adjustments for <see cref="IComputeBackend.AdjustColors"/>, applied per pixel on straight color c = (r, g, b) in [0, 1]
/// (unpremultiplied; alpha is kept), in this order:
/// <list type="number">
/// <item>ColorX: c ← c·(MultiplyR, MultiplyG, MultiplyB).</item>
/// <item>Contrast and brightness: c ← (c − 0.5)·Contrast + 0.5 + Brightness, then clamp to [0, 1].</item>
/// <item>Gamma: c ← c^Gamma (moviepy's gamma_corr: &gt; 1 darkens), skipped when Gamma = 1.</item>
/// <item>Saturation: l = 0.2126 r + 0.7152 g + 0.0722 b (BT.709); c ← l + (c − l)·Saturation.</item>
/// <item>Black and white (when <see cref="BlackWhite"/>): c ← (wr·r + wg·g + wb·b) / (wr + wg + wb) on every channel, w = GrayWeights.</item>
/// <item>Invert (when <see cref="Invert"/>): c ← 1 − c.</item>
/// <item>Clamp to [0, 1] and premultiply again: byte = round(c·α) with α the pixel's own alpha byte.</item>
/// </list>
/// Every default is the identity: <c>new ColorParams()</c> changes nothing (beware that <c>default(ColorParams)</c> has
/// zero factors; use <see cref="Identity"/> or <c>new()</c>).
/// </summary>
public readonly record struct ColorParams
{
    public ColorParams()
    {
    }

    public static ColorParams Identity => new();

    /// <summary>Added to each channel (in 0..1 units: 0.1 is +25.5 of 255). Default 0.</summary>
    public float Brightness { get; init; } = 0f;

    /// <summary>Factor around mid-gray 0.5 (moviepy lum_contrast's contrast c is Contrast = 1 + c). Default 1.</summary>
    public float Contrast { get; init; } = 1f;

    /// <summary>Exponent on each channel. Default 1.</summary>
    public float Gamma { get; init; } = 1f;

    /// <summary>0: gray (BT.709 luma), 1: unchanged, &gt; 1: more saturated. Default 1.</summary>
    public float Saturation { get; init; } = 1f;

    /// <summary>ColorX factors per channel. Default 1.</summary>
    public float MultiplyR { get; init; } = 1f;
    public float MultiplyG { get; init; } = 1f;
    public float MultiplyB { get; init; } = 1f;

    /// <summary>Replace the color by a weighted gray (moviepy's blackwhite). Default false.</summary>
    public bool BlackWhite { get; init; }

    /// <summary>The weights of <see cref="BlackWhite"/>, normalized by their sum; default BT.709 (0.2126, 0.7152, 0.0722). moviepy's default is (1, 1, 1).</summary>
    public (float R, float G, float B) GrayWeights { get; init; } = (0.2126f, 0.7152f, 0.0722f);

    /// <summary>1 − c after every other step (moviepy's invert_colors). Default false.</summary>
    public bool Invert { get; init; }
}
