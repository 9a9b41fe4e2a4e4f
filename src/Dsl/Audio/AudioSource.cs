namespace ScriptComposer.Dsl.Audio;

/// <summary>Where sound comes from: a file's first audio stream, a generated tone, or silence.</summary>
public abstract record AudioSource
{
    /// <summary>How many seconds of sound there are from the source's start; null when endless.</summary>
    public abstract double? Length { get; }
}
