namespace ScriptComposer.Dsl.Audio;

/// <summary>No sound; it only takes up time.</summary>
public sealed record SilenceAudio : AudioSource
{
    public override double? Length => null;
}
