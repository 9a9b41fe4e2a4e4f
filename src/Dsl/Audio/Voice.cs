using System.Numerics;

namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// One <see cref="AudioSegment"/> placed on the output's sample grid: it sounds on samples [<see cref="Start"/>,
/// <see cref="End"/>) (sample n is at n / rate seconds; a segment starts and ends on the samples nearest its start and end
/// times), and adds its source there, scaled by its volume and envelopes at each sample's exact time and mapped to the
/// output's layout.
/// </summary>
internal sealed class Voice : IDisposable
{
    /// <summary>In samples: a segment edge within this of a sample's time counts as on it (times are decimals).</summary>
    private const double OnTheSample = 1e-6;

    private readonly AudioSegment _segment;
    private readonly int _rate;
    private readonly int _inputs;
    private readonly int _outputs;
    private readonly float[] _matrix;
    private readonly bool _direct;
    private readonly Func<IAudioReader> _open;
    private readonly long _leadingSilence;
    private IAudioReader? _reader;
    private long _next;
    private float[] _frames = [];
    private float[] _gains = [];

    private Voice(AudioSegment segment, AudioFormat format, long start, long end, ChannelLayout layout, Func<IAudioReader> open, long leadingSilence)
    {
        _segment = segment;
        _rate = format.SampleRate;
        Start = start;
        End = end;
        _next = start;
        _open = open;
        _leadingSilence = leadingSilence;
        _inputs = layout.Count;
        _outputs = format.Channels;
        var matrix = ChannelMatrix.Between(layout, format.Layout);
        _matrix = new float[_outputs * _inputs];
        for (var o = 0; o < _outputs; o++)
            for (var i = 0; i < _inputs; i++)
                _matrix[o * _inputs + i] = (float)matrix[o, i];
        _direct = layout == format.Layout && segment.Stereo == (1, 1);
        if (segment.Stereo != (1, 1))
        {
            for (var o = 0; o < _outputs; o++)
            {
                var gain = StereoGain(format.Layout, o, segment.Stereo);
                for (var i = 0; i < _inputs; i++)
                    _matrix[o * _inputs + i] *= (float)gain;
            }
        }
    }

    public long Start { get; }

    public long End { get; }

    /// <summary>The stereo gain of output channel <paramref name="channel"/>: left speakers (FL, BL, SL, …) the left factor, right ones the right factor, a mono output the left factor, others 1.</summary>
    private static double StereoGain(ChannelLayout layout, int channel, (double Left, double Right) stereo)
    {
        if (layout.Count == 1)
            return stereo.Left;
        var speaker = layout.Speakers[channel];
        return speaker.EndsWith('L') || speaker.EndsWith("LC", StringComparison.Ordinal) ? stereo.Left
            : speaker.EndsWith('R') || speaker.EndsWith("RC", StringComparison.Ordinal) ? stereo.Right
            : 1;
    }

    /// <summary>The voice of <paramref name="segment"/> within output samples [<paramref name="first"/>, <paramref name="end"/>), or null when it sounds on none.</summary>
    public static Voice? Place(AudioSegment segment, AudioFormat format, long first, long end, bool soxr, Func<FileAudio, DecodedAudio?> shared)
    {
        var rate = format.SampleRate;
        var n0 = Nearest(segment.OutputStart * rate);
        var n1 = Nearest(segment.OutputEnd * rate);
        var a = Math.Max(n0, first);
        var b = Math.Min(n1, end);
        if (b <= a)
            return null;
        switch (segment.Source)
        {
            case ToneAudio tone:
                return new Voice(segment, format, a, b, ChannelLayout.Mono, () => new ToneAudioReader(tone, ToneTime(segment, rate), a), 0);
            case FunctionAudio function:
                return new Voice(segment, format, a, b, function.Layout, () => new FunctionAudioReader(function, WithinSegment(ToneTime(segment, rate), segment), a), 0);
            case FileAudio file:
            {
                // The file is played at the segment's speed and resampled to the mix rate as a whole, then cut (AudioDecodeRange):
                // sample k of that stream, which sounds k × perSecond⁻¹ seconds into the file, sounds at output sample n = k - delta,
                // or n = last - k backwards. Every cut of one file at one speed lies on one grid, and the resampler sees the
                // sound on both sides of each cut, so pieces join without a click.
                var speed = Math.Abs(segment.Rate - 1) < 1e-9 ? 1 : segment.Rate;
                var perSecond = speed == 1 ? rate : (double)file.SampleRate * rate / new AudioDecodeRange(0, 0, Speed: speed).PlayedRate(file.SampleRate);
                long lo, hi;
                if (!segment.Reversed)
                {
                    // Rounded as n0 is, so a segment from the file's start reads its sample 0 first, wherever it is placed.
                    var delta = -Nearest((segment.OutputStart * rate / perSecond - segment.SourceStart) * perSecond);
                    (lo, hi) = (a + delta, b + delta);
                }
                else
                {
                    var last = Nearest((segment.SourceStart + segment.SourceLength + segment.OutputStart * rate / perSecond) * perSecond) - 1;
                    (lo, hi) = (last - b + 1, last - a + 1);
                }
                var lead = !segment.Reversed && lo < 0 ? -lo : 0;
                lo = Math.Max(lo, 0);
                if (hi <= lo)
                    return null;
                var decoded = speed == 1 ? shared(file) : null;
                decoded?.AddUser();
                Func<IAudioReader> open = decoded is not null
                    ? () => new MemoryAudioReader(decoded, lo, hi, segment.Reversed)
                    : () => AudioSourceReader.Open(file, rate, new AudioDecodeRange(lo, hi, segment.Reversed, speed), soxr);
                return new Voice(segment, format, a, b, file.Layout, open, lead);
            }
            default:
                throw new NotSupportedException($"No way to play {segment.Source.GetType().Name}.");
        }
    }

    /// <summary>
    /// The sample nearest <paramref name="samples"/>, a time in samples; one half-way (or within <see cref="OnTheSample"/> of it, as
    /// times are decimals) goes to the earlier, so that the segments of a concatenation, whose end and start times differ by a
    /// rounding at most, meet on one sample, neither leaving a gap nor overlapping.
    /// </summary>
    private static long Nearest(double samples) => (long)Math.Ceiling(samples - 0.5 - OnTheSample);

    /// <summary>
    /// The tone's own time at output sample n. Backwards, sample n plays what the forward segment plays at the mirrored
    /// sample, so a reversed tone is the forward one's samples in reverse order, as a reversed file is.
    /// </summary>
    private static Func<long, double> ToneTime(AudioSegment segment, int rate) => segment.Reversed
        ? n => segment.SourceStart + segment.SourceLength - ((n + 1) / (double)rate - segment.OutputStart) * segment.Rate
        : n => segment.SourceStart + (n / (double)rate - segment.OutputStart) * segment.Rate;

    /// <summary>
    /// <paramref name="time"/> kept inside the segment's source: its first and last samples, on the samples nearest its ends, may
    /// lie up to half a sample outside it, where a sound function need not be defined.
    /// </summary>
    private static Func<long, double> WithinSegment(Func<long, double> time, AudioSegment segment) =>
        n => Math.Clamp(time(n), segment.SourceStart, segment.SourceStart + segment.SourceLength);

    /// <summary>Starts the voice's decoder ahead of its first sample, so the process is running by the time it is needed.</summary>
    public void Prepare() => _reader ??= _open();

    /// <summary>Adds the voice's part of output samples [<paramref name="blockStart"/>, + frames) into <paramref name="mix"/>.</summary>
    public void MixInto(Span<float> mix, long blockStart, int blockFrames)
    {
        var from = Math.Max(blockStart, _next);
        var to = Math.Min(blockStart + blockFrames, End);
        if (to <= from)
            return;
        Prepare();
        var count = (int)(to - from);
        if (_frames.Length < count * _inputs)
            _frames = new float[count * _inputs];
        var frames = _frames.AsSpan(0, count * _inputs);
        var silent = (int)Math.Clamp(Start + _leadingSilence - from, 0, count);
        frames[..(silent * _inputs)].Clear();
        var read = silent + _reader!.Read(frames[(silent * _inputs)..]);
        frames[(read * _inputs)..].Clear();
        _next = to;

        var output = mix.Slice((int)(from - blockStart) * _outputs, count * _outputs);
        var envelopes = _segment.Envelopes;
        if (envelopes.Count == 0)
        {
            var gain = (float)_segment.Volume;
            if (_direct)
            {
                AddScaled(output, frames, gain);
                return;
            }
            Array.Fill(Gains(count), gain, 0, count);
        }
        else
        {
            var gains = Gains(count);
            for (var j = 0; j < count; j++)
            {
                // A clip's first sample is the one nearest its start, up to half a sample before it: volume functions are asked inside the clip.
                var time = Math.Clamp((from + j) / (double)_rate, _segment.OutputStart, _segment.OutputEnd);
                var gain = _segment.Volume;
                foreach (var envelope in envelopes)
                    gain *= envelope.At(time);
                gains[j] = (float)gain;
            }
        }
        var g = _gains;
        if (_direct)
        {
            for (var j = 0; j < count; j++)
                for (var c = 0; c < _outputs; c++)
                    output[j * _outputs + c] += g[j] * frames[j * _inputs + c];
            return;
        }
        for (var j = 0; j < count; j++)
        {
            for (var o = 0; o < _outputs; o++)
            {
                var sum = 0f;
                for (var i = 0; i < _inputs; i++)
                    sum += _matrix[o * _inputs + i] * frames[j * _inputs + i];
                output[j * _outputs + o] += g[j] * sum;
            }
        }
    }

    private float[] Gains(int count)
    {
        if (_gains.Length < count)
            _gains = new float[count];
        return _gains;
    }

    /// <summary>target += source × gain, a vector at a time.</summary>
    private static void AddScaled(Span<float> target, ReadOnlySpan<float> source, float gain)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var g = new Vector<float>(gain);
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
                (new Vector<float>(target[i..]) + new Vector<float>(source[i..]) * g).CopyTo(target[i..]);
        }
        for (; i < target.Length; i++)
            target[i] += source[i] * gain;
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _reader = null;
    }
}
