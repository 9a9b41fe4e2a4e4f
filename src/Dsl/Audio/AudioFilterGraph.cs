using System.Globalization;
using System.Text;

namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// Lowers audio segments to one ffmpeg <c>filter_complex</c>: per segment a sample-exact trim, optional reverse and
/// rate change, volume and envelopes, and a delay to its place; then one mix (a plain sum, no renormalisation),
/// padded and trimmed to the output's exact length so picture and sound end together.
/// </summary>
public static class AudioFilterGraph
{
    public const int SampleRate = 48000;

    /// <summary>ffmpeg's sine source plays at 1/8 of full scale.</summary>
    private const double SineScale = 8;

    /// <summary>
    /// The plan for the sound between <paramref name="from"/> and <paramref name="to"/> seconds of the timeline, with
    /// audio inputs numbered from <paramref name="firstInputIndex"/>; null when nothing sounds there.
    /// </summary>
    public static AudioPlan? Build(IReadOnlyList<AudioSegment> segments, double from, double to, int firstInputIndex)
    {
        var placed = segments.Select(s => s.Window(from, to)?.Shift(-from)).OfType<AudioSegment>().ToList();
        if (placed.Count == 0)
            return null;

        var files = placed.Select(s => s.Source).OfType<FileAudio>().Select(f => f.Path).Distinct().ToList();
        var uses = files.ToDictionary(f => f, f => placed.Count(s => s.Source is FileAudio a && a.Path == f));
        var next = files.ToDictionary(f => f, _ => 0);
        var graph = new StringBuilder();
        foreach (var file in files)
        {
            var index = firstInputIndex + files.IndexOf(file);
            if (uses[file] > 1)
                graph.Append(CultureInfo.InvariantCulture, $"[{index}:a:0]asplit={uses[file]}{string.Concat(Enumerable.Range(0, uses[file]).Select(k => $"[f{index}_{k}]"))};");
        }

        for (var k = 0; k < placed.Count; k++)
        {
            var segment = placed[k];
            string input;
            switch (segment.Source)
            {
                case FileAudio file:
                    var index = firstInputIndex + files.IndexOf(file.Path);
                    input = uses[file.Path] > 1 ? $"[f{index}_{next[file.Path]++}]" : $"[{index}:a:0]";
                    break;
                case ToneAudio tone:
                    input = Invariant($"sine=frequency={tone.Frequency}:sample_rate={SampleRate},volume={tone.Amplitude * SineScale},");
                    break;
                default:
                    throw new NotSupportedException($"Cannot lower {segment.Source.GetType().Name} to ffmpeg.");
            }
            graph.Append(input);
            if (input.StartsWith('[')) graph.Append(Invariant($"aresample={SampleRate},"));
            // The usual mono-to-stereo upmix lowers each side by 3 dB; a mono source should sound as loud on both.
            if (segment.Source is ToneAudio or FileAudio { Channels: 1 })
                graph.Append("pan=stereo|c0=c0|c1=c0,");
            var first = (long)Math.Round(segment.SourceStart * SampleRate);
            var last = first + (long)Math.Round(segment.SourceLength * SampleRate);
            graph.Append(Invariant($"aformat=sample_fmts=fltp:channel_layouts=stereo,atrim=start_sample={first}:end_sample={last},asetpts=PTS-STARTPTS"));
            if (segment.Reversed)
                graph.Append(",areverse");
            if (Math.Abs(segment.Rate - 1) > 1e-9)
                graph.Append(Invariant($",asetrate={Math.Round(SampleRate * segment.Rate)},aresample={SampleRate}"));
            if (Math.Abs(segment.Volume - 1) > 1e-9)
                graph.Append(Invariant($",volume={segment.Volume:0.######}"));
            foreach (var envelope in segment.Envelopes)
                graph.Append(",volume='").Append(Expression(envelope, segment.OutputStart)).Append("':eval=frame");
            graph.Append(Invariant($",adelay=delays={(long)Math.Round(segment.OutputStart * SampleRate)}S:all=1[s{k}];"));
        }

        var total = (long)Math.Round((to - from) * SampleRate);
        graph.Append(string.Concat(Enumerable.Range(0, placed.Count).Select(k => $"[s{k}]")));
        if (placed.Count > 1)
            graph.Append(Invariant($"amix=inputs={placed.Count}:normalize=0:dropout_transition=0:duration=longest,"));
        graph.Append(Invariant($"apad=whole_len={total},atrim=end_sample={total}[aout]"));
        return new AudioPlan(files, graph.ToString());
    }

    /// <summary>A plan that is only silence, for an audio output of a clip with no sound.</summary>
    public static AudioPlan Silence(double seconds) =>
        new([], Invariant($"anullsrc=r={SampleRate}:cl=stereo,atrim=end_sample={(long)Math.Round(seconds * SampleRate)}[aout]"));

    /// <summary>The envelope as an ffmpeg expression of the filter's time t, which runs from 0 at the segment's start.</summary>
    private static string Expression(GainEnvelope envelope, double segmentStart)
    {
        var points = envelope.Points;
        var time = Invariant($"(t+{segmentStart:0.######})");
        if (points.Count == 1)
            return Invariant($"{points[0].Gain:0.######}");
        var sb = new StringBuilder();
        sb.Append(Invariant($"lt({time},{points[0].Time:0.######})*{points[0].Gain:0.######}"));
        for (var i = 1; i < points.Count; i++)
        {
            var (t0, g0) = points[i - 1];
            var (t1, g1) = points[i];
            if (t1 - t0 < 1e-9) continue;
            sb.Append(Invariant($"+gte({time},{t0:0.######})*lt({time},{t1:0.######})*({g0:0.######}+{(g1 - g0) / (t1 - t0):0.######}*({time}-{t0:0.######}))"));
        }
        sb.Append(Invariant($"+gte({time},{points[^1].Time:0.######})*{points[^1].Gain:0.######}"));
        // The caller quotes the expression, which keeps its commas from splitting the filter chain.
        return sb.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
