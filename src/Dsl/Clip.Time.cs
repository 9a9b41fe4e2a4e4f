namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>Starts the clip at <paramref name="seconds"/> on its parent's timeline (moviepy's <c>with_start</c>).</summary>
    public Clip WithStart(Seconds seconds)
    {
        RequireFinite(seconds, nameof(seconds), "start");
        return this with { Start = seconds };
    }

    /// <summary>Ends the clip at <paramref name="seconds"/> on its parent's timeline, keeping its start.</summary>
    public Clip WithEnd(Seconds seconds)
    {
        RequireFinite(seconds, nameof(seconds), "end");
        if (seconds <= Start + TimeEpsilon.Seconds)
            throw new ArgumentOutOfRangeException(nameof(seconds), $"{Describe()} starts at {Start:0.###} s, so it cannot end at {seconds:0.###} s: the end must come after the start.");
        return WithDuration(seconds - Start);
    }

    /// <summary>Makes the clip last <paramref name="seconds"/>.</summary>
    public Clip WithDuration(Seconds seconds)
    {
        RequireFinite(seconds, nameof(seconds), "duration");
        if (seconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(seconds), $"A duration must be positive; {Describe()} was given {seconds:0.###} s.");
        if (SourceLength is { } length && SourceOffset + seconds > length + 1e-6)
            throw new ArgumentOutOfRangeException(nameof(seconds),
                $"{Describe()} has only {length - SourceOffset:0.###} s of material from its start, so it cannot last {seconds:0.###} s. Choose a shorter duration.");
        return this with { Duration = seconds };
    }

    /// <summary>
    /// The part of the clip between <paramref name="from"/> and <paramref name="to"/> seconds of its own time
    /// (moviepy's <c>subclip</c>); a negative time counts from the end (<c>Subclip(-2)</c> is the last two seconds), and
    /// no <paramref name="to"/> means the end.
    /// </summary>
    public Clip Subclip(Seconds from, Seconds? to = null)
    {
        RequireFinite(from, nameof(from), "subclip start");
        if (to is { } t) RequireFinite(t, nameof(to), "subclip end");
        var start = from.Value switch
        {
            < 0 when Duration is null => throw new ArgumentException($"{Describe()} has no duration, so a negative start cannot count from its end.", nameof(from)),
            < 0 => Duration.Value + from,
            _ => from.Value,
        };
        var end = to?.Value switch
        {
            null => Duration ?? throw new ArgumentException($"{Describe()} has no duration, so Subclip needs an end: Subclip({from}, end).", nameof(to)),
            < 0 when Duration is null => throw new ArgumentException($"{Describe()} has no duration, so a negative end cannot count from it.", nameof(to)),
            < 0 => Duration.Value + to.Value,
            _ => to.Value.Value,
        };
        if (start < -1e-6 || (Duration is { } d && end > d + 1e-6) || end <= start + TimeEpsilon.Seconds)
        {
            var range = Duration is { } length ? $"between 0 and {length:0.###} (or counted back from the end with a negative time)" : "from 0 on";
            throw new ArgumentOutOfRangeException(nameof(from),
                $"Subclip({from}{(to is { } e ? $", {e}" : "")}) is {start:0.###} s to {end:0.###} s, outside {Describe()}, which is {(Duration is { } len ? $"{len:0.###} s long" : "endless")}: choose a start before the end, both {range}.");
        }
        // A mask and a sound given by WithAudio run with the clip's content, so they are cut with it (as moviepy's subclipped cuts them).
        var cut = Math.Max(0, start);
        return this with
        {
            SourceOffset = SourceOffset + cut,
            Duration = end - cut,
            Mask = Mask is { } mask ? mask with { Start = mask.Start - cut } : null,
            AudioReplacement = AudioReplacement is { } sound ? sound with { Start = sound.Start - cut } : null,
        };
    }

    private protected static void RequireFinite(double value, string parameter, string what)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(parameter, $"The {what} must be a finite number of seconds; got {value}.");
    }
}
