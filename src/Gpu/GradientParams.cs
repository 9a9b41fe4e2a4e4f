namespace ScriptComposer.Gpu;

/// <summary>
/// A two-color gradient. Per pixel center (x + 0.5, y + 0.5) a parameter t in [0, 1] is computed, and the
/// color is Color1 + (Color2 − Color1)·t in straight alpha, then premultiplied. Offset in [0, 1) holds Color1
/// until that fraction of the way (moviepy's offset):
/// linear t = clamp(((p − P1)·v / |v|² − Offset) / (1 − Offset)), v = P2 − P1;
/// bilinear t = max of the linear t along v and along −v;
/// radial t = clamp((|p − P1| − Offset·Radius) / ((1 − Offset)·Radius)).
/// </summary>
public readonly record struct GradientParams(
    GradientKind Kind,
    float X1, float Y1,
    float X2, float Y2,
    float Radius,
    Rgba Color1, Rgba Color2,
    float Offset = 0f);
