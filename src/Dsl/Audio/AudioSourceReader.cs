using ScriptComposer.Dsl.Media.Native;

namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// Opens the reader of a range of a file's sound: decoded in this process by the libavcodec and libswresample ffmpeg
/// runs on, where they can be had, and otherwise by an ffmpeg process with <see cref="AudioDecoder"/>'s filters; both give
/// the same samples.
/// </summary>
internal static class AudioSourceReader
{
    public static IAudioReader Open(FileAudio file, int mixRate, AudioDecodeRange range, bool soxr) =>
        TryInProcess(file, mixRate, range, soxr) ?? new FfmpegAudioReader(file.Path, AudioDecoder.Filters(file, mixRate, range, soxr), file.Layout.Count);

    /// <summary>The same samples as <see cref="AudioDecoder.Filters"/> gives, computed by the same libraries in process; null where that cannot be.</summary>
    internal static IAudioReader? TryInProcess(FileAudio file, int mixRate, AudioDecodeRange range, bool soxr)
    {
        var channels = file.Layout.Count;
        var played = range.PlayedRate(file.SampleRate);
        var resamples = played != mixRate;
        if (resamples && !LibSwr.Available)
            return null;
        if (LibAvAudioDecoder.TryOpen(file.Path, channels) is not { } decoder)
            return null;
        IAudioReader? reader = decoder;
        if (resamples)
            reader = ResamplingReader.TryCreate(reader, channels, played, mixRate, soxr);
        if (reader is not null && !range.IsWhole)
            reader = new TrimmingReader(reader, channels, range.Start, range.End - range.Start);
        if (reader is not null && range.Reversed)
            reader = new ReversingReader(reader, channels);
        // A resampler libswresample would not set up (a build without soxr, say) leaves the work to ffmpeg.
        if (reader is null)
            decoder.Dispose();
        return reader;
    }
}
