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
                using var reader = new FfmpegAudioReader(source.Path, AudioDecoder.Whole(source, mixRate, soxr), source.Layout.Count);
                _samples = reader.ReadAll((long)Math.Ceiling(source.Duration * mixRate));
            }
            return _samples;
        }
    }

    public static bool Fits(FileAudio source, int mixRate) => source.Duration * mixRate * source.Layout.Count <= MostSamples;
}
