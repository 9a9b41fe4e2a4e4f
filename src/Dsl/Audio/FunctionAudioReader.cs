namespace ScriptComposer.Dsl.Audio;

/// <summary>A <see cref="FunctionAudio"/>, asked at each sample's exact source time for every channel.</summary>
internal sealed class FunctionAudioReader(FunctionAudio audio, Func<long, double> sourceTime, long first) : IAudioReader
{
    private long _next = first;

    public int Read(Span<float> frames)
    {
        var channels = audio.Layout.Count;
        var count = frames.Length / channels;
        for (var j = 0; j < count; j++)
        {
            var time = sourceTime(_next + j);
            for (var c = 0; c < channels; c++)
            {
                double value;
                try
                {
                    value = audio.Sample(time, c);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw new ScriptComposerException($"The sound function of AudioFrames failed at {time:0.######} s, channel {c}: {e.Message}", e);
                }
                if (!double.IsFinite(value))
                    throw new ScriptComposerException($"The sound function of AudioFrames returned {value} at {time:0.######} s, channel {c}; it must return a finite sample (−1 to 1 is full scale).");
                frames[j * channels + c] = (float)value;
            }
        }
        _next += count;
        return count;
    }

    public void Dispose()
    {
    }
}
