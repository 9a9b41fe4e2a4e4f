using ScriptComposer.Dsl.Media.Native;

namespace ScriptComposer.Dsl.Audio;

/// <summary>Another reader's frames at another rate, through libswresample set up as <see cref="AudioDecoder.Resample"/> sets up ffmpeg's aresample.</summary>
internal sealed unsafe class ResamplingReader : IAudioReader
{
    private const int ChunkFrames = 4096;

    private readonly IAudioReader _inner;
    private readonly int _channels;
    private readonly float[] _input;
    private float[] _output = [];
    private int _outputStart;
    private int _outputEnd;
    private nint _context;
    private bool _drained;

    private ResamplingReader(IAudioReader inner, int channels, nint context)
    {
        _inner = inner;
        _channels = channels;
        _context = context;
        _input = new float[ChunkFrames * channels];
    }

    /// <summary>The resampler, or null when libswresample cannot be had (the caller then lets ffmpeg resample).</summary>
    public static ResamplingReader? TryCreate(IAudioReader inner, int channels, int inRate, int outRate, bool soxr)
    {
        var context = LibSwr.Create(channels, inRate, outRate, soxr);
        return context == 0 ? null : new ResamplingReader(inner, channels, context);
    }

    public int Read(Span<float> frames)
    {
        var wanted = frames.Length / _channels;
        var done = 0;
        while (done < wanted)
        {
            if (_outputStart == _outputEnd && !Refill())
                break;
            var take = Math.Min(wanted - done, _outputEnd - _outputStart);
            _output.AsSpan(_outputStart * _channels, take * _channels).CopyTo(frames[(done * _channels)..]);
            _outputStart += take;
            done += take;
        }
        return done;
    }

    /// <summary>Resamples the next chunk (or, past the input's end, what the resampler still holds); false when nothing is left.</summary>
    private bool Refill()
    {
        while (!_drained)
        {
            var read = _inner.Read(_input);
            var room = LibSwr.OutFrames(_context, read) + 16;
            if (_output.Length < room * _channels)
                _output = new float[room * _channels];
            int produced;
            fixed (float* input = _input, output = _output)
                produced = LibSwr.Convert(_context, read > 0 ? input : null, read, output, room);
            if (produced < 0)
                throw new ScriptComposerException($"libswresample failed ({LibAv.Describe(produced)}) while resampling sound. Set SC_IN_PROCESS_DECODE=0 to let ffmpeg do it.");
            if (read == 0)
                _drained = true;
            (_outputStart, _outputEnd) = (0, produced);
            if (produced > 0)
                return true;
        }
        return false;
    }

    public void Dispose()
    {
        LibSwr.Free(_context);
        _context = 0;
        _inner.Dispose();
    }
}
