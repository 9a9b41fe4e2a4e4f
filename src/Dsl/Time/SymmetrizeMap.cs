namespace ScriptComposer.Dsl.Time;

/// <summary>moviepy's <c>time_symmetrize</c>: a clip of <see cref="InnerDuration"/> played forwards, then backwards.</summary>
public sealed record SymmetrizeMap(double InnerDuration) : TimeMap
{
    /// <summary>A millisecond before the end, as <see cref="ReverseMap"/>: the frame that starts at the end is never asked for.</summary>
    private const double BeforeTheEnd = 1e-3;

    public override double Map(double time) => time < InnerDuration
        ? Math.Min(time, InnerDuration - BeforeTheEnd)
        : Math.Max(0, 2 * InnerDuration - time - BeforeTheEnd);

    public override double? Duration(double? innerDuration) => 2 * InnerDuration;
}
