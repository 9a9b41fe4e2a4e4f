namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// Sound computed by the script, sample by sample: <see cref="Sample"/>(t, channel) in [−1, 1] at each sample's exact source time
/// (moviepy's <c>AudioClip(make_frame)</c>). Compared by reference to the function: one call of <c>AudioFrames</c> is one source.
/// </summary>
public sealed record FunctionAudio(Func<double, int, double> Sample, ChannelLayout Layout, double SourceLength) : AudioSource
{
    public override double? Length => SourceLength;
}
