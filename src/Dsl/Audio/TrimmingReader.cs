namespace ScriptComposer.Dsl.Audio;

/// <summary>Frames [skip, skip + take) of another reader: what <c>atrim=start_sample=S:end_sample=E</c> passes.</summary>
internal sealed class TrimmingReader(IAudioReader inner, int channels, long skip, long take) : IAudioReader
{
    private long _skipped;
    private long _taken;

    public int Read(Span<float> frames)
    {
        if (_skipped < skip)
        {
            var scratch = new float[4096 * channels];
            while (_skipped < skip)
            {
                var read = inner.Read(scratch.AsSpan(0, (int)Math.Min(4096, skip - _skipped) * channels));
                if (read == 0)
                    return 0;
                _skipped += read;
            }
        }
        var wanted = (int)Math.Min(frames.Length / channels, take - _taken);
        if (wanted <= 0)
            return 0;
        var got = inner.Read(frames[..(wanted * channels)]);
        _taken += got;
        return got;
    }

    public void Dispose() => inner.Dispose();
}
