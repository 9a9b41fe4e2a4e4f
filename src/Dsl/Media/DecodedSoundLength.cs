using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// How long a file's sound is as the render reads it. A lossy codec's packets carry more than its sound: the encoder's delay and
/// padding (an MP3's LAME header names them, AAC in MP4 its edit list), Opus's pre-skip. The decoder drops them, but the length a
/// container declares counts them, in one way in one container and another in the next (an MP3 of 2 s says 2.04 s, an Ogg
/// Opus of 3 s 3.0065 s), so a clip of the declared length ended in silence and a concatenation left gaps. The sound is decoded
/// once, by the reader a render uses (<see cref="AudioSourceReader"/>), and its samples counted: the length agrees with what
/// the render will read, sample for sample. Codecs whose every packet is sound (PCM, FLAC, …) are not decoded.
/// </summary>
internal static class DecodedSoundLength
{
    /// <summary>Codecs without delay or padding, whose declared length is their sample count.</summary>
    private static readonly HashSet<string> Exact = new(StringComparer.Ordinal) { "flac", "alac", "wavpack", "tta", "truehd", "mlp" };

    /// <summary>Whether <paramref name="codec"/>'s declared length may count samples its decoder does not give.</summary>
    public static bool NeedsDecoding(string codec) => !codec.StartsWith("pcm_", StringComparison.Ordinal) && !Exact.Contains(codec);

    /// <summary>
    /// The seconds of sound the first audio stream of <paramref name="fullPath"/> decodes to at its own
    /// <paramref name="sampleRate"/>; null when it could not be decoded (the render will then say why).
    /// </summary>
    public static double? Seconds(string fullPath, int sampleRate, ChannelLayout layout)
    {
        if (sampleRate <= 0 || layout.Count <= 0)
            return null;
        try
        {
            using var reader = AudioSourceReader.Open(new FileAudio(fullPath, 0, sampleRate, layout), sampleRate, AudioDecodeRange.Whole, soxr: false);
            var buffer = new float[65536 * layout.Count];
            long frames = 0;
            int read;
            while ((read = reader.Read(buffer)) > 0)
                frames += read;
            return frames > 0 ? frames / (double)sampleRate : null;
        }
        catch (ScriptComposerException)
        {
            return null;
        }
    }
}
