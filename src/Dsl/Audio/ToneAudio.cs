namespace ScriptComposer.Dsl.Audio;

/// <summary>A sine tone at <see cref="Frequency"/> Hz and <see cref="Amplitude"/> (0 to 1, full scale).</summary>
public sealed record ToneAudio(double Frequency, double Amplitude) : AudioSource
{
    public override double? Length => null;
}
