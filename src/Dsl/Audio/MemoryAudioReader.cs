namespace ScriptComposer.Dsl.Audio;

/// <summary>Frames [start, end) of a <see cref="DecodedAudio"/>, forwards or backwards.</summary>
internal sealed class MemoryAudioReader : IAudioReader
{
    private readonly DecodedAudio _audio;
    private readonly int _channels;
    private readonly long _start;
    private readonly long _end;
    private readonly bool _reversed;
    private long _done;

    public MemoryAudioReader(DecodedAudio audio, long start, long end, bool reversed)
    {
        _audio = audio;
        _channels = audio.Source.Layout.Count;
        _start = start;
        _end = end;
        _reversed = reversed;
    }

    public int Read(Span<float> frames)
    {
        var samples = _audio.Samples;
        var available = samples.Length / _channels;
        // Frames past the decoded end (a file shorter than its probed length) read as nothing.
        var last = Math.Min(_end, available);
        var count = (int)Math.Min(frames.Length / _channels, Math.Max(0, last - _start - _done));
        if (_reversed)
        {
            // Backwards from the end of the range; a short file leaves the range's end silent, which plays first.
            var wanted = (int)Math.Min(frames.Length / _channels, _end - _start - _done);
            for (var j = 0; j < wanted; j++)
            {
                var k = _end - 1 - _done - j;
                var target = frames.Slice(j * _channels, _channels);
                if (k < available) samples.AsSpan((int)(k * _channels), _channels).CopyTo(target);
                else target.Clear();
            }
            _done += wanted;
            return wanted;
        }
        samples.AsSpan((int)((_start + _done) * _channels), count * _channels).CopyTo(frames);
        _done += count;
        return count;
    }

    public void Dispose() => _audio.RemoveUser();
}
