namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>Scales the clip's sound: 0.5 is half the amplitude (−6 dB), 2 twice.</summary>
    public Clip Volume(double factor)
    {
        if (!double.IsFinite(factor) || factor < 0 || factor > 100)
            throw new ArgumentOutOfRangeException(nameof(factor), $"Volume takes a factor from 0 (silent) to 100; got {factor}.");
        return this with { AudioVolume = AudioVolume * factor };
    }

    /// <summary>A volume that changes over the clip's own time, asked at the exact time of every sample.</summary>
    public Clip Volume(Func<double, double> factor)
    {
        NullArgument.ThrowIfNull(factor);
        var previous = AudioVolumeCurve;
        return this with { AudioVolumeCurve = previous is null ? factor : t => previous(t) * factor(t) };
    }

    /// <summary>
    /// Scales the sound by <paramref name="factor"/> from <paramref name="start"/> to <paramref name="end"/> seconds of the
    /// clip's own time, both included (the clip's end when not given), and leaves the rest as it is: moviepy's
    /// <c>multiply_volume(factor, start_time, end_time)</c>. <c>Volume(0, 1, 2)</c> silences the second second.
    /// </summary>
    public Clip Volume(double factor, Seconds start, Seconds? end = null)
    {
        if (!double.IsFinite(factor) || factor < 0 || factor > 100)
            throw new ArgumentOutOfRangeException(nameof(factor), $"Volume takes a factor from 0 (silent) to 100; got {factor}.");
        if (!double.IsFinite(start) || start < 0)
            throw new ArgumentOutOfRangeException(nameof(start), $"Volume's start is a time in seconds from the clip's start, 0 or more; got {start}.");
        if (end is { } e && (!double.IsFinite(e) || e < start))
            throw new ArgumentOutOfRangeException(nameof(end), $"Volume's end must be a time after its start ({start} s); got {e}.");
        var first = start.Value;
        var last = end?.Value ?? double.PositiveInfinity;
        // Sample times reach the clip through a few additions, so a bound may be missed by a rounding error.
        return Volume(t => t >= first - TimeEpsilon.Seconds && t <= last + TimeEpsilon.Seconds ? factor : 1);
    }

    /// <summary>The sound rises from silence over the first <paramref name="seconds"/>.</summary>
    public Clip AudioFadeIn(Seconds seconds) => this with { AudioFadeInDuration = PositiveSeconds(seconds, "audio fade") };

    /// <summary>The sound falls to silence over the last <paramref name="seconds"/>.</summary>
    public Clip AudioFadeOut(Seconds seconds) => this with { AudioFadeOutDuration = PositiveSeconds(seconds, "audio fade") };

    /// <summary>Silences the clip (and everything in it, for a composite).</summary>
    public Clip WithoutAudio() => this with { AudioMuted = true, AudioReplacement = null };

    /// <summary>
    /// Replaces the clip's sound with <paramref name="audio"/>'s (an <c>Audio(...)</c> clip, or any clip with sound), starting with the
    /// clip (or at <paramref name="audio"/>'s own start, if it was given one); a later <c>Subclip</c> cuts the sound with the picture.
    /// </summary>
    public Clip WithAudio(Clip audio)
    {
        NullArgument.ThrowIfNull(audio);
        return this with { AudioReplacement = audio, AudioMuted = false };
    }
}
