namespace ScriptComposer.Gpu;

/// <summary>
/// A chroma key: per pixel, d is the distance (see <see cref="ChromaKeyDistance"/>, 0..255 units) between the pixel's
/// straight color and <see cref="Color"/> (its alpha is ignored); the pixel's alpha (and, premultiplied, its color) is
/// multiplied by f = clamp((d − Threshold) / Softness, 0, 1), or with Softness ≤ 0 by f = d &lt; Threshold ? 0 : 1.
/// So d &lt; Threshold is transparent, d ≥ Threshold + Softness is unchanged, linear between.
/// </summary>
public readonly record struct ChromaKeyParams(Rgba Color, float Threshold, float Softness = 0f, ChromaKeyDistance Distance = ChromaKeyDistance.CbCr);
