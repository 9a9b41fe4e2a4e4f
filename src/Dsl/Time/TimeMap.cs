namespace ScriptComposer.Dsl.Time;

/// <summary>How a <see cref="TimeMappedClip"/>'s own time maps to the time of the clip it wraps. Records, so maps compare by value.</summary>
public abstract record TimeMap
{
    /// <summary>The wrapped clip's time at the wrapper's time <paramref name="time"/>.</summary>
    public abstract double Map(double time);

    /// <summary>The wrapper's duration given the wrapped clip's, or null when endless.</summary>
    public abstract double? Duration(double? innerDuration);
}

/// <summary>Plays <see cref="Factor"/> times faster (slower below 1).</summary>
public sealed record SpeedMap(double Factor) : TimeMap
{
    public override double Map(double time) => time * Factor;

    public override double? Duration(double? innerDuration) => innerDuration / Factor;
}

/// <summary>Plays backwards; the first frame shown is the last one of the clip.</summary>
public sealed record ReverseMap(double InnerDuration) : TimeMap
{
    /// <summary>A millisecond before the mirrored time, so the frame that starts at the end is never asked for.</summary>
    private const double BeforeTheEnd = 1e-3;

    public override double Map(double time) => Math.Max(0, InnerDuration - time - BeforeTheEnd);

    public override double? Duration(double? innerDuration) => InnerDuration;
}

/// <summary>Repeats a clip of length <see cref="Period"/> for <see cref="TotalDuration"/> seconds (or forever).</summary>
public sealed record LoopMap(double Period, double? TotalDuration) : TimeMap
{
    public override double Map(double time)
    {
        var m = time % Period;
        // A time a hair under a whole period must not wrap to the start: frame times are decimals.
        return Period - m < TimeEpsilon.Seconds * 1000 ? 0 : m;
    }

    public override double? Duration(double? innerDuration) => TotalDuration;
}

/// <summary>Holds the frame at <see cref="At"/> for <see cref="Hold"/> seconds, then plays on.</summary>
public sealed record FreezeMap(double At, double Hold) : TimeMap
{
    public override double Map(double time) => time < At ? time : time < At + Hold ? At : time - Hold;

    public override double? Duration(double? innerDuration) => innerDuration + Hold;
}

/// <summary>Plays a clip of <see cref="InnerDuration"/>, then holds its last frame for <see cref="Hold"/> seconds.</summary>
public sealed record FreezeEndMap(double InnerDuration, double Hold) : TimeMap
{
    /// <summary>A millisecond before the end, as <see cref="ReverseMap"/>: the frame that starts at the end is never asked for.</summary>
    private const double BeforeTheEnd = 1e-3;

    public override double Map(double time) => Math.Min(time, Math.Max(0, InnerDuration - BeforeTheEnd));

    public override double? Duration(double? innerDuration) => InnerDuration + Hold;
}

/// <summary>Leaves out the part between <see cref="From"/> and <see cref="To"/>.</summary>
public sealed record CutOutMap(double From, double To) : TimeMap
{
    public override double Map(double time) => time < From ? time : time + (To - From);

    public override double? Duration(double? innerDuration) => innerDuration - (To - From);
}
