namespace ScriptComposer.Dsl.Time;

/// <summary>
/// moviepy's <c>accel_decel</c>: a clip of <see cref="InnerDuration"/> played in <see cref="NewDuration"/>, at time t showing
/// old·f((t / new)^soonness) with a = 1 + abruptness, f(u) = 0.5^(1 − a)·u^a below one half and 1 − f(1 − u) from it.
/// </summary>
public sealed record AccelDecelMap(double InnerDuration, double NewDuration, double Abruptness, double Soonness) : TimeMap
{
    /// <summary>A millisecond before the end, as <see cref="ReverseMap"/>: the frame that starts at the end is never asked for.</summary>
    private const double BeforeTheEnd = 1e-3;

    public override double Map(double time)
    {
        var a = 1.0 + Abruptness;
        double F1(double u) => Math.Pow(0.5, 1 - a) * Math.Pow(u, a);
        var u = Math.Pow(Math.Max(0, time) / NewDuration, Soonness);
        var f = u < 0.5 ? F1(u) : 1 - F1(1 - u);
        return Math.Clamp(InnerDuration * f, 0, Math.Max(0, InnerDuration - BeforeTheEnd));
    }

    public override double? Duration(double? innerDuration) => NewDuration;
}
