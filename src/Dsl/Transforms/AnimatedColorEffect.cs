using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Transforms;

/// <summary>Color adjustments whose values change with the clip's time (<c>Brightness(t => ...)</c>); each moment is a <see cref="ColorEffect"/>.</summary>
public sealed record AnimatedColorEffect(Func<double, ColorParams> Parameters) : PictureEffect
{
    public override PictureEffect At(double time) => new ColorEffect(Parameters(time));

    /// <summary>One color value that changes over time, brought into its range at each moment, set into the identity by <paramref name="set"/>.</summary>
    internal static AnimatedColorEffect Of(Func<double, double> value, double min, double max, string what, Func<ColorParams, float, ColorParams> set) =>
        new(time => set(ColorParams.Identity, (float)Sample(value, time, min, max, what)));
}
