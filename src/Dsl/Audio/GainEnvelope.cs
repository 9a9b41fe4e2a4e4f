namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// A gain that changes over time: <see cref="Gain"/> is a function of one clip's own time (its fades, volume functions
/// and volume windows), read by whoever holds the envelope through a straight line from their timeline: the clip's time
/// at time t is <see cref="TimeScale"/> × t + <see cref="TimeOffset"/>. Shifting, speeding up and mirroring a timeline
/// only changes that line, so the function is still asked at each sample's exact time, however the clip was cut.
/// </summary>
public sealed record GainEnvelope(Func<double, double> Gain, double TimeScale = 1, double TimeOffset = 0)
{
    /// <summary>The timeline moves <paramref name="seconds"/> later.</summary>
    public GainEnvelope Shift(double seconds) => this with { TimeOffset = TimeOffset - TimeScale * seconds };

    /// <summary>The timeline stretches by <paramref name="factor"/>: what was at t is now at t × factor.</summary>
    public GainEnvelope Stretch(double factor) => this with { TimeScale = TimeScale / factor };

    /// <summary>Time runs backwards: what was at t is now at <paramref name="length"/> − t.</summary>
    public GainEnvelope Mirror(double length) => this with { TimeScale = -TimeScale, TimeOffset = TimeScale * length + TimeOffset };

    /// <summary>The clip's own time at <paramref name="time"/> of the holder's timeline.</summary>
    public double LocalTime(double time) => TimeScale * time + TimeOffset;

    public double At(double time) => Gain(LocalTime(time));
}
