using System.Globalization;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Audio;

/// <summary>The rate and layout an output's sound is mixed and written at (raw 32-bit float samples, interleaved).</summary>
public sealed record AudioFormat(int SampleRate, ChannelLayout Layout)
{
    /// <summary>The rate a mix falls back to when its sources disagree or are all generated.</summary>
    public const int DefaultSampleRate = 48000;

    public int Channels => Layout.Count;

    /// <summary>The index of the sample at <paramref name="seconds"/>: sample n sounds from n / rate.</summary>
    public long SampleAt(double seconds) => (long)Math.Round(seconds * SampleRate);

    /// <summary>
    /// The format of an output with <paramref name="settings"/> and <paramref name="codec"/> whose sound is
    /// <paramref name="segments"/>: the rate and channel count the settings give, or else the files' common rate (48 kHz
    /// when they differ or there are none) and the widest layout among them and the <c>AudioFrames</c> functions (stereo when there are no files and no wider function), each moved
    /// to the nearest the codec takes. A rate or channel count the settings give that the codec cannot take is refused.
    /// </summary>
    public static AudioFormat For(IReadOnlyList<AudioSegment> segments, AudioSettings settings, string codec)
    {
        var limits = FfmpegTools.AudioLimits(codec);
        var files = segments.Select(s => s.Source).OfType<FileAudio>().ToList();
        var rates = files.Select(f => f.SampleRate).Distinct().ToList();
        int rate;
        if (settings.SampleRate is { } asked)
        {
            if (!limits.Takes(asked))
                throw new ScriptComposerException($"The audio codec '{codec}' cannot write {asked} Hz. Use sampleRate: {string.Join(", ", limits.SampleRates)}, or leave it out.");
            rate = asked;
        }
        else
        {
            rate = rates.Count == 1 ? rates[0] : DefaultSampleRate;
            if (!limits.Takes(rate))
                rate = limits.Takes(DefaultSampleRate) ? DefaultSampleRate
                    : limits.SampleRates.Where(r => r >= rate).DefaultIfEmpty(limits.SampleRates.Max()).Min();
        }

        ChannelLayout layout;
        if (settings.Channels is { } channels)
        {
            layout = ChannelLayout.Default(channels);
            if (!limits.Takes(layout.Name))
            {
                var takes = limits.ChannelLayouts.Select(ChannelLayout.Find).OfType<ChannelLayout>().ToList();
                layout = takes.FirstOrDefault(l => l.Count == channels)
                    ?? throw new ScriptComposerException($"The audio codec '{codec}' cannot write {channels} channels. Use channels: {string.Join(" or ", takes.Select(l => l.Count).Distinct().Order())}, or leave it out.");
            }
        }
        else
        {
            // Sound from a function counts as a source layout too, past stereo (AudioFrames(..., channels: 6) writes 5.1).
            var functions = segments.Select(s => s.Source).OfType<FunctionAudio>().Select(f => f.Layout);
            layout = files.Select(f => f.Layout).Concat(functions).Aggregate(ChannelLayout.Mono, (widest, l) => l.Count > widest.Count ? l : widest);
            if (files.Count == 0 && layout.Count < 2) layout = ChannelLayout.Stereo;
            if (!limits.Takes(layout.Name))
                layout = Nearest(layout, limits);
        }
        return new AudioFormat(rate, layout);
    }

    /// <summary>One the codec takes: the same number of channels, or else the most below it, or else the fewest above.</summary>
    private static ChannelLayout Nearest(ChannelLayout layout, AudioEncoderLimits limits)
    {
        var candidates = limits.ChannelLayouts.Select(ChannelLayout.Find).OfType<ChannelLayout>().ToList();
        return candidates.FirstOrDefault(c => c.Count == layout.Count)
            ?? candidates.Where(c => c.Count < layout.Count).MaxBy(c => c.Count)
            ?? candidates.MinBy(c => c.Count)
            ?? layout;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{SampleRate} Hz {Layout.Name}");
}
