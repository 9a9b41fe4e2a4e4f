using System.Globalization;

namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// The ffmpeg that decodes part of a file's sound for <see cref="AudioMixer"/> where it cannot be decoded in process
/// (<see cref="AudioSourceReader"/> takes the same steps with the same libraries), as raw 32-bit float samples in the file's
/// own channel layout on standard output: one resample to the mix rate (soxr where this ffmpeg has it), the sample-exact
/// trim, reversal, and a speed change. The command lines are pinned by tests.
/// </summary>
public static class AudioDecoder
{
    public static IReadOnlyList<string> BuildArguments(string path, string? filters)
    {
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-i", path, "-map", "0:a:0", "-vn", "-sn", "-dn" };
        if (filters is not null) args.AddRange(["-af", filters]);
        args.AddRange(["-c:a", "pcm_f32le", "-f", "f32le", "pipe:1"]);
        return args;
    }

    /// <summary>The filters that give <paramref name="range"/> of <paramref name="source"/> at <paramref name="mixRate"/>; null when nothing needs doing.</summary>
    public static string? Filters(FileAudio source, int mixRate, AudioDecodeRange range, bool soxr) =>
        range.IsWhole ? Whole(source, mixRate, soxr)
        : range.AtMixRate ? AtMixRate(source, mixRate, range.Start, range.End, range.Reversed, soxr)
        : WithSpeed(source, mixRate, range.Start, range.End, range.Reversed, range.Speed, soxr);

    /// <summary>The whole sound at <paramref name="mixRate"/>; null when nothing needs doing.</summary>
    public static string? Whole(FileAudio source, int mixRate, bool soxr) =>
        source.SampleRate == mixRate ? null : Resample(mixRate, soxr);

    /// <summary>
    /// Samples [<paramref name="start"/>, <paramref name="end"/>) of the sound resampled to <paramref name="mixRate"/>
    /// (sample k sounds at k / mixRate of the file), backwards when <paramref name="reversed"/>. Resampling the whole
    /// stream before cutting keeps every cut on the same grid, so pieces of one file line up sample for sample.
    /// </summary>
    public static string AtMixRate(FileAudio source, int mixRate, long start, long end, bool reversed, bool soxr)
    {
        var filters = new List<string>();
        if (source.SampleRate != mixRate) filters.Add(Resample(mixRate, soxr));
        filters.Add(Trim(start, end));
        if (reversed) filters.Add("areverse");
        return string.Join(',', filters);
    }

    /// <summary>
    /// Samples [<paramref name="start"/>, <paramref name="end"/>) of the sound played <paramref name="speed"/> times faster (pitch
    /// moves with speed) and resampled to <paramref name="mixRate"/>, backwards when <paramref name="reversed"/>. As in
    /// <see cref="AtMixRate"/>, the whole stream is resampled before it is cut: a cut resampled on its own rings at its edges (a click where two pieces meet).
    /// </summary>
    public static string WithSpeed(FileAudio source, int mixRate, long start, long end, bool reversed, double speed, bool soxr)
    {
        var played = new AudioDecodeRange(start, end, reversed, speed).PlayedRate(source.SampleRate);
        var filters = new List<string> { string.Create(CultureInfo.InvariantCulture, $"asetrate={played}") };
        if (played != mixRate) filters.Add(Resample(mixRate, soxr));
        filters.Add(Trim(start, end));
        if (reversed) filters.Add("areverse");
        return string.Join(',', filters);
    }

    /// <summary>soxr at its very-high-quality precision; ffmpeg's own resampler with a long filter where there is no soxr.</summary>
    public static string Resample(int rate, bool soxr) => soxr
        ? string.Create(CultureInfo.InvariantCulture, $"aresample={rate}:resampler=soxr:precision=28")
        : string.Create(CultureInfo.InvariantCulture, $"aresample={rate}:filter_size=128:phase_shift=10:cutoff=0.97");

    private static string Trim(long start, long end) => string.Create(CultureInfo.InvariantCulture, $"atrim=start_sample={start}:end_sample={end}");
}
