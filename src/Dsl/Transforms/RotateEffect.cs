using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Transforms;

/// <summary>Turns the picture counter-clockwise by <see cref="Degrees"/> of the clip's own time, on a canvas of <see cref="Width"/>×<see cref="Height"/>.</summary>
public sealed record RotateEffect(Func<double, double> Degrees, int Width, int Height, Rgba Background) : PictureEffect
{
    public override (int Width, int Height) OutputSize(int width, int height) => (Width, Height);
}
