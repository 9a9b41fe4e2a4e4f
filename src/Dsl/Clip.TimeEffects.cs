using ScriptComposer.Dsl.Time;

namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>Plays <paramref name="factor"/> times as fast (0.5 is half speed); the duration changes to match.</summary>
    public Clip Speed(double factor)
    {
        if (!double.IsFinite(factor) || factor <= 0)
            throw new ArgumentOutOfRangeException(nameof(factor), $"Speed needs a positive factor (2 is twice as fast, 0.5 half); got {factor}.");
        return Wrap(inner => new TimeMappedClip(inner, new SpeedMap(factor)) { Duration = Duration / factor });
    }

    /// <summary>Plays backwards (moviepy's <c>time_mirror</c>).</summary>
    public Clip Reverse()
    {
        var duration = Duration ?? throw new InvalidOperationException($"{Describe()} has no duration, so it has no end to play back from. Give it one with WithDuration(seconds) first.");
        return Wrap(inner => new TimeMappedClip(inner, new ReverseMap(duration)) { Duration = duration });
    }

    /// <summary>Plays <paramref name="times"/> times in a row (moviepy's <c>loop(n)</c>); <c>Loop(seconds: 4.5)</c> lasts a time instead.</summary>
    public Clip Loop(int times)
    {
        if (times < 1)
            throw new ArgumentOutOfRangeException(nameof(times), $"Loop needs at least 1 repetition; got {times}.");
        var period = RequireDuration("Loop");
        return Wrap(inner => new TimeMappedClip(inner, new LoopMap(period, period * times)) { Duration = period * times });
    }

    /// <summary>
    /// Repeats for as long as whatever holds the clip shows it (moviepy's <c>loop()</c> without a count): the clip
    /// becomes endless, so give it (or its composite) a duration.
    /// </summary>
    public Clip Loop()
    {
        var period = RequireDuration("Loop");
        return Wrap(inner => new TimeMappedClip(inner, new LoopMap(period, null)) { Duration = null });
    }

    /// <summary>
    /// Refused at compile time: <c>Loop(3)</c> repeats three times, and a number with a fraction would silently mean seconds.
    /// Name what the number is: <c>Loop(times: 3)</c> or <c>Loop(seconds: 4.5)</c>.
    /// </summary>
    [Obsolete("Loop(number) is ambiguous: write Loop(times: n) to repeat n times, or Loop(seconds: s) to repeat for s seconds in all.", error: true)]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public Clip Loop(double number) => throw new InvalidOperationException($"Loop({number}) is ambiguous: write Loop(times: n) or Loop(seconds: s).");

    /// <summary>
    /// Repeats for <paramref name="seconds"/> in all (the last repetition may be cut short): moviepy's <c>loop(duration=...)</c>.
    /// A number must be named (<c>Loop(seconds: 4.5)</c>); a clock string need not (<c>Loop("0:04.5")</c>).
    /// </summary>
    public Clip Loop(Seconds seconds)
    {
        RequireFinite(seconds, nameof(seconds), "loop duration");
        if (seconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(seconds), $"Loop needs a positive duration; got {seconds}.");
        var period = RequireDuration("Loop");
        return Wrap(inner => new TimeMappedClip(inner, new LoopMap(period, seconds)) { Duration = seconds });
    }

    /// <summary>
    /// Holds the frame at <paramref name="at"/> seconds for <paramref name="seconds"/>, then plays on; the clip gets longer by as much.
    /// <c>at: double.PositiveInfinity</c> (or the clip's duration) holds the last frame, as <see cref="FreezeLast"/> does.
    /// </summary>
    public Clip Freeze(Seconds at, Seconds seconds)
    {
        if (double.IsPositiveInfinity(at) || (Duration is { } end && Math.Abs(at - end) <= TimeEpsilon.Seconds))
            return FreezeLast(seconds);
        RequireFinite(at, nameof(at), "freeze time");
        RequireFinite(seconds, nameof(seconds), "freeze duration");
        if (seconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(seconds), $"Freeze needs a positive duration; got {seconds}.");
        if (at < 0 || (Duration is { } d && at >= d))
            throw new ArgumentOutOfRangeException(nameof(at), $"Freeze at {at:0.###} s is outside {Describe()}{(Duration is { } len ? $", which lasts {len:0.###} s" : "")}.");
        return Wrap(inner => new TimeMappedClip(inner, new FreezeMap(at, seconds)) { Duration = Duration + seconds });
    }

    /// <summary>Holds the clip's last frame for <paramref name="seconds"/> after it ends (moviepy's <c>freeze(t="end")</c>); the clip gets longer by as much.</summary>
    public Clip FreezeLast(Seconds seconds)
    {
        RequireFinite(seconds, nameof(seconds), "freeze duration");
        if (seconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(seconds), $"FreezeLast needs a positive duration; got {seconds}.");
        var duration = RequireDuration("FreezeLast");
        return Wrap(inner => new TimeMappedClip(inner, new FreezeEndMap(duration, seconds)) { Duration = duration + seconds });
    }

    /// <summary>Leaves out the part between <paramref name="from"/> and <paramref name="to"/> seconds.</summary>
    public Clip CutOut(Seconds from, Seconds to)
    {
        RequireFinite(from, nameof(from), "cut start");
        RequireFinite(to, nameof(to), "cut end");
        var duration = RequireDuration("CutOut");
        if (from < 0 || to <= from || to > duration + 1e-6 || (from <= 0 && to >= duration - 1e-6))
            throw new ArgumentOutOfRangeException(nameof(from), $"CutOut({from:0.###}, {to:0.###}) must lie inside {Describe()}, which lasts {duration:0.###} s, and leave something.");
        return Wrap(inner => new TimeMappedClip(inner, new CutOutMap(from, to)) { Duration = duration - (to - from) });
    }

    private double RequireDuration(string operation) =>
        Duration ?? throw new InvalidOperationException($"{operation} needs to know how long {Describe()} is; give it a duration with WithDuration(seconds) first.");
}
