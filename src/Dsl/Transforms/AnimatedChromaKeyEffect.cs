using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Transforms;

/// <summary>A chroma key whose threshold changes with the clip's time; each moment is a <see cref="ChromaKeyEffect"/>.</summary>
public sealed record AnimatedChromaKeyEffect(Rgba Color, Func<double, double> Threshold, float Softness) : PictureEffect
{
    public override PictureEffect At(double time) =>
        new ChromaKeyEffect(new ChromaKeyParams(Color, (float)Sample(Threshold, time, 0, 442, "chroma key threshold"), Softness));
}
