namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// Another reader's frames, last first: what <c>areverse</c> does, and like it, it holds the whole (already trimmed)
/// stretch in memory.
/// </summary>
internal sealed class ReversingReader(IAudioReader inner, int channels) : IAudioReader
{
    private float[]? _frames;
    private long _left;

    public int Read(Span<float> frames)
    {
        if (_frames is null)
        {
            var all = new float[65536 * channels];
            var filled = 0;
            int read;
            while ((read = inner.Read(all.AsSpan(filled))) > 0)
            {
                filled += read * channels;
                if (filled == all.Length)
                    Array.Resize(ref all, all.Length * 2);
            }
            _frames = all;
            _left = filled / channels;
        }
        var count = (int)Math.Min(frames.Length / channels, _left);
        for (var j = 0; j < count; j++)
            _frames.AsSpan((int)(_left - 1 - j) * channels, channels).CopyTo(frames.Slice(j * channels, channels));
        _left -= count;
        return count;
    }

    public void Dispose() => inner.Dispose();
}
