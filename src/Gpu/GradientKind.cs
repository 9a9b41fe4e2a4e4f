namespace ScriptComposer.Gpu;

public enum GradientKind
{
    /// <summary>t grows from 0 at P1 to 1 at P2 along the vector P2 − P1.</summary>
    Linear = 0,
    /// <summary>Like <see cref="Linear"/> but symmetric: t grows along both P2 − P1 and P1 − P2.</summary>
    Bilinear = 1,
    /// <summary>t grows from 0 at P1 to 1 at distance Radius.</summary>
    Radial = 2,
}
