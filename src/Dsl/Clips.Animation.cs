namespace ScriptComposer.Dsl;

public static partial class Clips
{
    /// <summary>
    /// Remotion's <c>spring()</c>: where a spring released at time 0 stands at <paramref name="t"/> seconds, moving from
    /// <paramref name="from"/> to <paramref name="to"/>, e.g. <c>Resize(scale: t => Spring(t, damping: 12))</c>. The physics are
    /// Remotion's (<paramref name="mass"/> 1, <paramref name="stiffness"/> 100, <paramref name="damping"/> 10 by default: a little
    /// overshoot), stepped frame by frame at <paramref name="fps"/> as Remotion steps them; <paramref name="overshootClamping"/> stops
    /// at the target; <paramref name="duration"/> stretches the motion so it settles after that many seconds. Before 0 it is
    /// <paramref name="from"/>.
    /// </summary>
    public static double Spring(double t, double mass = 1, double stiffness = 100, double damping = 10, double from = 0, double to = 1,
        bool overshootClamping = false, double? duration = null, double fps = 30)
    {
        if (!double.IsFinite(t))
            throw new ArgumentOutOfRangeException(nameof(t), $"Spring's time must be a finite number of seconds; got {t}.");
        foreach (var (name, given) in new[] { (nameof(mass), mass), (nameof(stiffness), stiffness), (nameof(damping), damping) })
        {
            if (!(given > 0 && double.IsFinite(given)))
                throw new ArgumentOutOfRangeException(name, $"Spring's {name} must be a positive number (Remotion's defaults: mass 1, stiffness 100, damping 10); got {given}.");
        }
        if (!double.IsFinite(from) || !double.IsFinite(to))
            throw new ArgumentOutOfRangeException(nameof(from), $"Spring goes from a number to a number; got from {from} to {to}.");
        if (!(fps > 0 && fps <= 1000))
            throw new ArgumentOutOfRangeException(nameof(fps), $"Spring's fps (the step of its simulation) must be from above 0 to 1000; got {fps}.");
        if (duration is { } d && !(d > 0 && double.IsFinite(d)))
            throw new ArgumentOutOfRangeException(nameof(duration), $"Spring's duration must be a positive number of seconds; got {d}.");
        var frame = t * fps;
        if (duration is { } seconds)
            frame /= seconds * fps / Animation.SpringPhysics.SettleFrame(fps, mass, stiffness, damping);
        var progress = Animation.SpringPhysics.Progress(frame, fps, mass, stiffness, damping);
        var value = from + (to - from) * progress;
        if (!overshootClamping)
            return value;
        return to >= from ? Math.Min(value, to) : Math.Max(value, to);
    }

    /// <summary>
    /// Remotion's <c>interpolate()</c>: maps <paramref name="t"/> from <paramref name="inputRange"/> (increasing) to
    /// <paramref name="outputRange"/> piece by piece, with <paramref name="easing"/> on each piece (linear when null), e.g.
    /// <c>Opacity(t => Interpolate(t, [0, 1, 4, 5], [0, 1, 1, 0]))</c>. Beyond the range it goes on along the first or last
    /// piece (<paramref name="extrapolate"/> "extend"), stops at the end value ("clamp"), or returns <paramref name="t"/>
    /// itself ("identity"); <paramref name="extrapolateLeft"/> and <paramref name="extrapolateRight"/> set one side each.
    /// </summary>
    public static double Interpolate(double t, double[] inputRange, double[] outputRange, Func<double, double>? easing = null,
        string extrapolate = "extend", string? extrapolateLeft = null, string? extrapolateRight = null)
    {
        NullArgument.ThrowIfNull(inputRange);
        NullArgument.ThrowIfNull(outputRange);
        if (inputRange.Length < 2 || inputRange.Length != outputRange.Length)
            throw new ArgumentException($"Interpolate needs input and output ranges of the same length, at least 2; got {inputRange.Length} and {outputRange.Length}.", nameof(inputRange));
        for (var i = 0; i < inputRange.Length; i++)
        {
            if (!double.IsFinite(inputRange[i]) || !double.IsFinite(outputRange[i]))
                throw new ArgumentException("Interpolate's ranges must hold finite numbers.", nameof(inputRange));
            if (i > 0 && inputRange[i] <= inputRange[i - 1])
                throw new ArgumentException($"Interpolate's input range must increase: {inputRange[i]} does not come after {inputRange[i - 1]}.", nameof(inputRange));
        }
        var left = Extrapolation(extrapolateLeft ?? extrapolate, nameof(extrapolateLeft));
        var right = Extrapolation(extrapolateRight ?? extrapolate, nameof(extrapolateRight));
        var piece = 1;
        while (piece < inputRange.Length - 1 && inputRange[piece] < t)
            piece++;
        double inMin = inputRange[piece - 1], inMax = inputRange[piece], outMin = outputRange[piece - 1], outMax = outputRange[piece];
        var x = t;
        if (x < inMin)
        {
            if (left == "identity") return x;
            if (left == "clamp") x = inMin;
        }
        if (x > inMax)
        {
            if (right == "identity") return x;
            if (right == "clamp") x = inMax;
        }
        if (outMin == outMax)
            return outMin;
        var u = (x - inMin) / (inMax - inMin);
        return (easing ?? Animation.Easing.Linear)(u) * (outMax - outMin) + outMin;
    }

    private static string Extrapolation(string value, string parameter) => value switch
    {
        "extend" or "clamp" or "identity" => value,
        _ => throw new ArgumentException($"Interpolate's {parameter} is \"extend\", \"clamp\" or \"identity\"; got \"{value}\".", parameter),
    };
}
