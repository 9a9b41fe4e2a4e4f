namespace ScriptComposer.Dsl.Audio;

/// <summary>Consecutive frames of one voice's source, interleaved in the source's own channels.</summary>
internal interface IAudioReader : IDisposable
{
    /// <summary>Fills <paramref name="frames"/> (whole frames) and returns how many frames it filled; fewer only at the end.</summary>
    int Read(Span<float> frames);
}
