namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// Which samples of a file one voice plays: samples [<see cref="Start"/>, <see cref="End"/>) of the file played
/// <see cref="Speed"/> times faster (at <see cref="PlayedRate"/>; pitch moves with speed) and resampled to the mix rate,
/// the whole stream before it is cut, so every cut of one file at one speed lies on the same grid and the resampler sees
/// the sound on both sides of a cut. Backwards when <see cref="Reversed"/>. <see cref="Whole"/>: the whole file at the mix rate.
/// </summary>
public sealed record AudioDecodeRange(long Start, long End, bool Reversed = false, double Speed = 1)
{
    public static AudioDecodeRange Whole { get; } = new(0, long.MaxValue);

    public bool AtMixRate => Math.Abs(Speed - 1) < 1e-9;

    public bool IsWhole => this == Whole;

    /// <summary>The rate the samples play at before the last resample: the file's own, sped up.</summary>
    public int PlayedRate(int sourceRate) => (int)Math.Max(1, Math.Round(sourceRate * Speed));
}
