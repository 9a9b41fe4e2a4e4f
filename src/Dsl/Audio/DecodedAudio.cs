namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// A short file that several voices play (a loop, a sound used twice), decoded once at the mix rate and shared; it is
/// let go when the last of them ends.
/// </summary>
internal sealed class DecodedAudio(FileAudio source, int mixRate, bool soxr)
{
    /// <summary>Files up to this many samples (all channels) are kept whole: 32 MiB, 87 s of 48 kHz stereo.</summary>
    public const long MostSamples = 8L << 20;

    private float[]? _samples;
    private int _users;

    public FileAudio Source => source;

    public void AddUser() => _users++;

    public void RemoveUser()
    {
        if (--_users == 0)
            _samples = null;
    }

    /// <summary>The samples, interleaved; decoded on first use.</summary>
    public float[] Samples
    {
        get
        {
            if (_samples is null)
            {
                using var reader = AudioSourceReader.Open(source, mixRate, AudioDecodeRange.Whole, soxr);
                _samples = ReadAll(reader, source.Layout.Count, (long)Math.Ceiling(source.Duration * mixRate));
            }
            return _samples;
        }
    }

    private static float[] ReadAll(IAudioReader reader, int channels, long expectedFrames)
    {
        var buffer = new float[Math.Max(channels, (expectedFrames + 4096) * channels)];
        var filled = 0;
        int read;
        while ((read = reader.Read(buffer.AsSpan(filled))) > 0)
        {
            filled += read * channels;
            if (filled == buffer.Length)
                Array.Resize(ref buffer, buffer.Length * 2);
        }
        Array.Resize(ref buffer, filled);
        return buffer;
    }

    public static bool Fits(FileAudio source, int mixRate) => source.Duration * mixRate * source.Layout.Count <= MostSamples;
}
