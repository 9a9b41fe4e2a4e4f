using System.Runtime.InteropServices;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// Mixes the sound of a timeline, block by block, into raw interleaved 32-bit float samples at one
/// <see cref="AudioFormat"/>. Each segment becomes a voice placed at its exact sample offset: a tone is computed here, a
/// file is decoded by its own ffmpeg (resampled at most once, and left untouched when its rate is the mix's), and
/// volume, fades and volume functions are applied here at every sample's exact time, channels mapped by
/// <see cref="ChannelMatrix"/>. Only the voices sounding in the current block are open, so memory stays bounded
/// however long the output. Dispose ends every decoder still running.
/// </summary>
public sealed class AudioMixer : IDisposable
{
    /// <summary>Frames mixed at a time: 85 ms at 48 kHz.</summary>
    public const int BlockFrames = 4096;

    private readonly List<Voice> _waiting;
    private readonly List<Voice> _playing = [];
    private readonly long _end;
    private readonly long _lookahead;
    private long _position;

    /// <summary>The sound of <paramref name="segments"/> (on one timeline) from <paramref name="from"/> to <paramref name="to"/> seconds.</summary>
    public AudioMixer(IReadOnlyList<AudioSegment> segments, AudioFormat format, double from, double to, bool? soxr = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        Format = format;
        FirstSample = format.SampleAt(from);
        _end = Math.Max(FirstSample, format.SampleAt(to));
        _position = FirstSample;
        _lookahead = format.SampleRate / 2;
        var useSoxr = soxr ?? (segments.Any(s => s.Source is FileAudio) && FfmpegTools.HasSoxr());

        // A short file played by more than one voice at its own speed is decoded once and shared.
        var windowed = segments.Select(s => s.Window(from, to)).OfType<AudioSegment>().ToList();
        var shared = windowed
            .Where(s => s.Source is FileAudio && Math.Abs(s.Rate - 1) < 1e-9)
            .GroupBy(s => (FileAudio)s.Source)
            .Where(g => g.Count() > 1 && DecodedAudio.Fits(g.Key, format.SampleRate))
            .ToDictionary(g => g.Key, g => new DecodedAudio(g.Key, format.SampleRate, useSoxr));
        _waiting = windowed
            .Select(s => Voice.Place(s, format, FirstSample, _end, useSoxr, f => shared.GetValueOrDefault(f)))
            .OfType<Voice>()
            .OrderBy(v => v.Start)
            .ToList();
        _waiting.Reverse();
    }

    public AudioFormat Format { get; }

    /// <summary>The index of the first sample written (sample n is at n / rate seconds of the timeline).</summary>
    public long FirstSample { get; }

    /// <summary>How many frames (one sample per channel) the mix has in all.</summary>
    public long FrameCount => _end - FirstSample;

    /// <summary>Fills <paramref name="destination"/> with the next frames of the mix and returns how many; 0 at the end.</summary>
    public int Read(Span<float> destination)
    {
        var channels = Format.Channels;
        var frames = (int)Math.Min(destination.Length / channels, _end - _position);
        if (frames <= 0)
            return 0;
        var mix = destination[..(frames * channels)];
        mix.Clear();
        var blockEnd = _position + frames;
        while (_waiting.Count > 0 && _waiting[^1].Start < blockEnd + _lookahead)
        {
            var voice = _waiting[^1];
            _waiting.RemoveAt(_waiting.Count - 1);
            _playing.Add(voice);
            voice.Prepare();
        }
        for (var i = 0; i < _playing.Count; i++)
        {
            var voice = _playing[i];
            voice.MixInto(mix, _position, frames);
            if (voice.End <= blockEnd)
            {
                voice.Dispose();
                _playing.RemoveAt(i--);
            }
        }
        _position = blockEnd;
        return frames;
    }

    /// <summary>Writes the whole mix to <paramref name="output"/> as raw little-endian floats.</summary>
    public void WriteTo(Stream output, CancellationToken cancellation = default)
    {
        var block = new float[BlockFrames * Format.Channels];
        int frames;
        while ((frames = Read(block)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            output.Write(MemoryMarshal.AsBytes(block.AsSpan(0, frames * Format.Channels)));
        }
        output.Flush();
    }

    public void Dispose()
    {
        foreach (var voice in _playing.Concat(_waiting))
            voice.Dispose();
        _playing.Clear();
        _waiting.Clear();
    }
}
