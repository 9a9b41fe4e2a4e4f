namespace ScriptComposer.Dsl.Animation;

/// <summary>
/// Easing curves as functions from progress u (0 to 1) to eased progress, for <see cref="Keyframes"/> and <c>Interpolate</c>:
/// the four presets and CSS's <c>cubic-bezier(x1, y1, x2, y2)</c>.
/// </summary>
public static class Easing
{
    public static Func<double, double> Linear { get; } = u => u;

    /// <summary>Starts slow (cubic), as <see cref="Ease.EaseIn"/>.</summary>
    public static Func<double, double> In { get; } = u => u * u * u;

    /// <summary>Ends slow (cubic), as <see cref="Ease.EaseOut"/>.</summary>
    public static Func<double, double> Out { get; } = u => 1 - Math.Pow(1 - u, 3);

    /// <summary>Starts and ends slow (cubic), as <see cref="Ease.EaseInOut"/>.</summary>
    public static Func<double, double> InOut { get; } = u => u < 0.5 ? 4 * u * u * u : 1 - Math.Pow(-2 * u + 2, 3) / 2;

    /// <summary>The curve of one of the presets.</summary>
    public static Func<double, double> Of(Ease ease) => ease switch
    {
        Ease.Linear => Linear,
        Ease.EaseIn => In,
        Ease.EaseOut => Out,
        Ease.EaseInOut => InOut,
        Ease.Step => _ => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(ease), $"There is no ease {(int)ease}."),
    };

    /// <summary>
    /// CSS's <c>cubic-bezier(x1, y1, x2, y2)</c>: the curve from (0, 0) to (1, 1) with control points (x1, y1) and (x2, y2);
    /// <c>CubicBezier(0.25, 0.1, 0.25, 1)</c> is CSS's <c>ease</c>. x1 and x2 must lie in [0, 1] (so the curve is a function of
    /// progress); y1 and y2 may overshoot. Before 0 it is 0, after 1 it is 1.
    /// </summary>
    public static Func<double, double> CubicBezier(double x1, double y1, double x2, double y2)
    {
        foreach (var (name, value) in new[] { ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2) })
        {
            if (!double.IsFinite(value))
                throw new ArgumentOutOfRangeException(name, $"CubicBezier's {name} must be a finite number; got {value}.");
        }
        if (x1 is < 0 or > 1 || x2 is < 0 or > 1)
            throw new ArgumentOutOfRangeException(x1 is < 0 or > 1 ? nameof(x1) : nameof(x2),
                $"CubicBezier's x1 and x2 are times, from 0 to 1 (y1 and y2 may go beyond); got x1 = {x1}, x2 = {x2}.");
        // B(s) = 3(1-s)²s·p1 + 3(1-s)s²·p2 + s³, in polynomial form a·s³ + b·s² + c·s.
        double cx = 3 * x1, bx = 3 * (x2 - x1) - cx, ax = 1 - cx - bx;
        double cy = 3 * y1, by = 3 * (y2 - y1) - cy, ay = 1 - cy - by;
        double X(double s) => ((ax * s + bx) * s + cx) * s;
        double Slope(double s) => (3 * ax * s + 2 * bx) * s + cx;
        return u =>
        {
            if (u <= 0) return 0;
            if (u >= 1) return 1;
            // Newton's method from u, then bisection if it strays: s with X(s) = u.
            var s = u;
            for (var i = 0; i < 8; i++)
            {
                var error = X(s) - u;
                if (Math.Abs(error) < 1e-9) return ((ay * s + by) * s + cy) * s;
                var slope = Slope(s);
                if (Math.Abs(slope) < 1e-9) break;
                s -= error / slope;
            }
            double lo = 0, hi = 1;
            s = u;
            for (var i = 0; i < 60; i++)
            {
                var x = X(s);
                if (Math.Abs(x - u) < 1e-12) break;
                if (x < u) lo = s; else hi = s;
                s = (lo + hi) / 2;
            }
            return ((ay * s + by) * s + cy) * s;
        };
    }
}
