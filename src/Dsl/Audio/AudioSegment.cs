namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// A stretch of one source placed on a timeline: <see cref="SourceLength"/> seconds from <see cref="SourceStart"/>,
/// starting at <see cref="OutputStart"/>, played at <see cref="Rate"/> source seconds per timeline second (pitch moves
/// with speed, as in moviepy), backwards when <see cref="Reversed"/>, scaled by <see cref="Volume"/> and every envelope.
/// </summary>
public sealed record AudioSegment(
    AudioSource Source,
    double SourceStart,
    double SourceLength,
    double OutputStart,
    double Rate,
    bool Reversed,
    double Volume,
    IReadOnlyList<GainEnvelope> Envelopes)
{
    /// <summary>Gains of the output's left and right speakers (<see cref="Clip.StereoVolume"/>); (1, 1) leaves them alone.</summary>
    public (double Left, double Right) Stereo { get; init; } = (1, 1);

    public double OutputLength => SourceLength / Rate;

    public double OutputEnd => OutputStart + OutputLength;

    public AudioSegment Shift(double seconds) => this with { OutputStart = OutputStart + seconds, Envelopes = Envelopes.Select(e => e.Shift(seconds)).ToList() };

    /// <summary>Plays <paramref name="factor"/> times faster: the timeline shrinks by that factor.</summary>
    public AudioSegment Speed(double factor) => this with { OutputStart = OutputStart / factor, Rate = Rate * factor, Envelopes = Envelopes.Select(e => e.Stretch(1 / factor)).ToList() };

    /// <summary>The timeline [0, <paramref name="length"/>) runs backwards.</summary>
    public AudioSegment Mirror(double length) => this with
    {
        OutputStart = length - OutputEnd,
        Reversed = !Reversed,
        Envelopes = Envelopes.Select(e => e.Mirror(length)).ToList(),
    };

    /// <summary>The part inside [<paramref name="from"/>, <paramref name="to"/>) of the timeline, or null when none is.</summary>
    public AudioSegment? Window(double from, double to)
    {
        var start = Math.Max(OutputStart, from);
        var end = Math.Min(OutputEnd, to);
        if (end - start < 1e-6)
            return null;
        var cutFront = (start - OutputStart) * Rate;
        var cutBack = (OutputEnd - end) * Rate;
        // Played backwards, the front of the timeline is the end of the source.
        var sourceStart = SourceStart + (Reversed ? cutBack : cutFront);
        return this with { OutputStart = start, SourceStart = sourceStart, SourceLength = SourceLength - cutFront - cutBack };
    }

    public AudioSegment WithStereo(double left, double right) => this with { Stereo = (Stereo.Left * left, Stereo.Right * right) };

    public AudioSegment WithGain(double volume, GainEnvelope? envelope) => this with
    {
        Volume = Volume * volume,
        Envelopes = envelope is null ? Envelopes : [.. Envelopes, envelope],
    };

    public bool Equals(AudioSegment? other) =>
        other is not null && Source == other.Source && SourceStart == other.SourceStart && SourceLength == other.SourceLength &&
        OutputStart == other.OutputStart && Rate == other.Rate && Reversed == other.Reversed && Volume == other.Volume && Stereo == other.Stereo &&
        Envelopes.SequenceEqual(other.Envelopes);

    public override int GetHashCode() => HashCode.Combine(Source, SourceStart, OutputStart);
}
