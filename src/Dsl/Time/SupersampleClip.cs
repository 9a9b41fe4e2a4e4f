namespace ScriptComposer.Dsl.Time;

/// <summary>
/// moviepy's <c>supersample</c>: each frame is the mean of <see cref="Count"/> frames of <see cref="Inner"/> evenly spread over
/// [t − <see cref="Spread"/>, t + <see cref="Spread"/>] (both ends included; times before the start or past the end show the first or last frame).
/// </summary>
public sealed record SupersampleClip(Clip Inner, double Spread, int Count) : Clip
{
    /// <summary>A millisecond before the end, as <see cref="ReverseMap"/>: the frame that starts at the end is never asked for.</summary>
    private const double BeforeTheEnd = 1e-3;

    public override int Width => Inner.Width;

    public override int Height => Inner.Height;

    public override bool HasPicture => Inner.HasPicture;

    /// <summary>The inner clip's time of sub-frame <paramref name="k"/> at <paramref name="time"/>: numpy's linspace, clamped to the clip.</summary>
    public double SampleTime(double time, int k)
    {
        var t = Count == 1 ? time - Spread : time - Spread + 2 * Spread * k / (Count - 1);
        var last = Inner.Duration is { } d ? Math.Max(0, d - BeforeTheEnd) : double.PositiveInfinity;
        return Math.Clamp(t, 0, last);
    }

    public override string Describe() => $"{Inner.Describe()} (supersampled)";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Inner.InputFiles());
}
