namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// Which samples of a file one voice plays. <see cref="Speed"/> 1: samples [<see cref="Start"/>, <see cref="End"/>) of the
/// file resampled to the mix rate (the whole stream, then cut, so every cut of one file lies on the same grid). Another
/// speed: samples [Start, End) at the file's own rate, played that much faster and resampled once. Backwards when
/// <see cref="Reversed"/>. Null bounds: the whole file at the mix rate.
/// </summary>
public sealed record AudioDecodeRange(long Start, long End, bool Reversed = false, double Speed = 1)
{
    public static AudioDecodeRange Whole { get; } = new(0, long.MaxValue);

    public bool AtMixRate => Math.Abs(Speed - 1) < 1e-9;

    public bool IsWhole => this == Whole;

    /// <summary>The rate the samples play at before the last resample: the file's own, sped up.</summary>
    public int PlayedRate(int sourceRate) => (int)Math.Max(1, Math.Round(sourceRate * Speed));
}
