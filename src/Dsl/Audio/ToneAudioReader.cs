namespace ScriptComposer.Dsl.Audio;

/// <summary>A <see cref="ToneAudio"/>, computed at each sample's exact source time (so speed and reversal cost no resampling).</summary>
internal sealed class ToneAudioReader(ToneAudio tone, Func<long, double> sourceTime, long first) : IAudioReader
{
    private long _next = first;

    public int Read(Span<float> frames)
    {
        var omega = 2 * Math.PI * tone.Frequency;
        for (var j = 0; j < frames.Length; j++)
            frames[j] = (float)(tone.Amplitude * Math.Sin(omega * sourceTime(_next + j)));
        _next += frames.Length;
        return frames.Length;
    }

    public void Dispose()
    {
    }
}
