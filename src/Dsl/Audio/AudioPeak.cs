using System.Runtime.CompilerServices;

namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// <see cref="Clip.AudioNormalize"/>'s measure: the clip's own sound mixed on its own (at its files' rate, 48 kHz without files, in
/// its widest layout) and the largest |sample| of any channel found, once per clip.
/// </summary>
internal static class AudioPeak
{
    private static readonly ConditionalWeakTable<Clip, StrongBox<double>> Peaks = [];

    /// <summary><paramref name="segments"/> (the clip's sound) scaled by 1 / their peak; as they are when silent.</summary>
    public static List<AudioSegment> Normalized(Clip clip, List<AudioSegment> segments)
    {
        var peak = Peaks.GetValue(clip, _ => new StrongBox<double>(Measure(clip, segments))).Value;
        return peak > 0 ? segments.Select(s => s.WithGain(1 / peak, null)).ToList() : segments;
    }

    private static double Measure(Clip clip, List<AudioSegment> segments)
    {
        var sounding = segments.Where(s => s.Source is not SilenceAudio && s.Volume > 0).ToList();
        if (sounding.Count == 0)
            return 0;
        var end = sounding.Max(s => s.OutputEnd);
        if (!double.IsFinite(end) || end > 1e6)
            throw new ScriptComposerException($"AudioNormalize needs to hear all of {clip.Describe()}'s sound, but it never ends. Give it a duration with WithDuration(seconds) first.");
        var layouts = sounding.Select(s => s.Source switch
        {
            FileAudio file => file.Layout,
            FunctionAudio function => function.Layout,
            _ => ChannelLayout.Mono,
        }).ToList();
        var layout = layouts.MaxBy(l => l.Count)!;
        var rate = sounding.Select(s => s.Source).OfType<FileAudio>().Select(f => f.SampleRate).FirstOrDefault(AudioFormat.DefaultSampleRate);
        using var mixer = new AudioMixer(sounding, new AudioFormat(rate, layout), 0, end);
        var block = new float[AudioMixer.BlockFrames * layout.Count];
        var peak = 0.0;
        int frames;
        while ((frames = mixer.Read(block)) > 0)
            foreach (var sample in block.AsSpan(0, frames * layout.Count))
                peak = Math.Max(peak, Math.Abs(sample));
        return peak;
    }
}
