namespace ScriptComposer.Gpu;

/// <summary>
/// How a layer's color mixes with the canvas under it (W3C Compositing and Blending Level 1, separable modes). With
/// straight colors Cs (layer) and Cb (canvas) in [0, 1], the layer's color becomes Cs' = (1 − αb)·Cs + αb·B(Cb, Cs),
/// which is then laid "over" the canvas. <see cref="Normal"/> (B = Cs) is plain "over".
/// </summary>
public enum BlendMode
{
    /// <summary>B = Cs.</summary>
    Normal = 0,
    /// <summary>B = min(1, Cb + Cs) (linear dodge).</summary>
    Add = 1,
    /// <summary>B = Cb·Cs.</summary>
    Multiply = 2,
    /// <summary>B = Cb + Cs − Cb·Cs.</summary>
    Screen = 3,
    /// <summary>B = Cb ≤ 0.5 ? 2·Cb·Cs : Screen(Cs, 2·Cb − 1) = Cs + (2·Cb − 1) − Cs·(2·Cb − 1).</summary>
    Overlay = 4,
    /// <summary>B = min(Cb, Cs).</summary>
    Darken = 5,
    /// <summary>B = max(Cb, Cs).</summary>
    Lighten = 6,
}
