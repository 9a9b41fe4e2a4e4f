namespace ScriptComposer.Dsl.Time;

/// <summary>The wrapped clip's time is the script's function of the wrapper's time (moviepy's <c>fl_time</c>).</summary>
public sealed record TimeFunctionMap(Func<double, double> Function, string Description) : TimeMap
{
    public override double Map(double time)
    {
        var mapped = Function(time);
        if (!double.IsFinite(mapped))
            throw new ScriptComposerException($"The time function of {Description} returned {mapped} at {time:0.###} s; it must return a finite time in seconds.");
        // Before the start is the first frame, as a time past the end is the last one.
        return Math.Max(0, mapped);
    }

    public override double? Duration(double? innerDuration) => innerDuration;
}
