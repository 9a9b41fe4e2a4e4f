namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// A gain that changes over time: straight lines between breakpoints, holding the first value before them and the
/// last after. Times are on the timeline of whoever holds the envelope, and move with it.
/// </summary>
public sealed record GainEnvelope(IReadOnlyList<(double Time, double Gain)> Points)
{
    public GainEnvelope Shift(double seconds) => new(Points.Select(p => (p.Time + seconds, p.Gain)).ToList());

    public GainEnvelope Scale(double factor) => new(Points.Select(p => (p.Time * factor, p.Gain)).ToList());

    /// <summary>Time runs backwards: a point at t moves to <paramref name="length"/> − t.</summary>
    public GainEnvelope Mirror(double length) => new(Points.Select(p => (length - p.Time, p.Gain)).Reverse().ToList());

    public double At(double time)
    {
        if (time <= Points[0].Time) return Points[0].Gain;
        for (var i = 1; i < Points.Count; i++)
        {
            if (time < Points[i].Time)
            {
                var (t0, g0) = Points[i - 1];
                var (t1, g1) = Points[i];
                return g0 + (g1 - g0) * (time - t0) / (t1 - t0);
            }
        }
        return Points[^1].Gain;
    }

    public bool Equals(GainEnvelope? other) => other is not null && Points.SequenceEqual(other.Points);

    public override int GetHashCode() => Points.Count;
}
