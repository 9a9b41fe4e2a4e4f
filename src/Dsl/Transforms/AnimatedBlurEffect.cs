namespace ScriptComposer.Dsl.Transforms;

/// <summary>A Gaussian blur whose sigma changes with the clip's time; each moment is a <see cref="BlurEffect"/>.</summary>
public sealed record AnimatedBlurEffect(Func<double, double> Sigma) : PictureEffect
{
    public override PictureEffect At(double time) => new BlurEffect((float)Sample(Sigma, time, 0, 500, "blur"));
}
