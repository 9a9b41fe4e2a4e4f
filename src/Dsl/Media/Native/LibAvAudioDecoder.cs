using System.Text;
using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl.Media.Native;

/// <summary>
/// Decodes a file's first audio stream in this process with libavcodec, from its first sample, into interleaved 32-bit
/// floats at the stream's own rate: what <c>ffmpeg -i FILE -map 0:a:0 -c:a pcm_f32le -f f32le</c> writes, sample for
/// sample (the same library, and the same integer-to-float conversion), without starting a process (~0.1 s of CPU each
/// with Debian's ffmpeg). <see cref="TryOpen"/> says null where it does not apply, and the caller starts ffmpeg.
/// </summary>
internal sealed unsafe class LibAvAudioDecoder : IAudioReader
{
    // AVSampleFormat: u8, s16, s32, flt, dbl, then their planar forms, then s64 and s64p.
    private const int U8 = 0, S16 = 1, S32 = 2, Flt = 3, Dbl = 4, U8P = 5, S16P = 6, S32P = 7, FltP = 8, DblP = 9, S64 = 10, S64P = 11;

    private readonly string _path;
    private readonly int _channels;
    private int _streamIndex;
    private nint _format;
    private nint _codec;
    private nint _packet;
    private nint _frame;
    private bool _draining;
    private bool _finished;

    /// <summary>Decoded frames not yet read: <see cref="_pending"/>[<see cref="_pendingStart"/>..<see cref="_pendingEnd"/>).</summary>
    private float[] _pending = [];
    private int _pendingStart;
    private int _pendingEnd;

    private LibAvAudioDecoder(string path, int channels)
    {
        _path = path;
        _channels = channels;
    }

    /// <summary>A decoder of <paramref name="path"/>'s first audio stream, which has <paramref name="channels"/> channels, or null.</summary>
    public static LibAvAudioDecoder? TryOpen(string path, int channels)
    {
        if (!LibAvLibraries.Available)
            return null;
        var decoder = new LibAvAudioDecoder(path, channels);
        if (decoder.Open())
            return decoder;
        decoder.Dispose();
        return null;
    }

    private bool Open()
    {
        var path = Encoding.UTF8.GetBytes(_path + "\0");
        fixed (byte* url = path)
        fixed (nint* format = &_format)
        {
            if (LibAv.avformat_open_input(format, url, 0, null) < 0)
                return false;
        }
        if (LibAv.avformat_find_stream_info(_format, null) < 0)
            return false;
        // ffmpeg -map 0:a:0 takes the first audio stream.
        var first = -1;
        for (var i = 0; i < (int)LibAv.StreamCount(_format) && first < 0; i++)
            if (CodecParameters(i) is not 0 and var p && LibAv.CodecType(p) == LibAv.MediaTypeAudio)
                first = i;
        if (first < 0)
            return false;
        nint codec = 0;
        if (LibAv.av_find_best_stream(_format, LibAv.MediaTypeAudio, first, -1, &codec, 0) != first || codec == 0)
            return false;
        var parameters = CodecParameters(first);
        if (LibAv.CodecId(parameters) != LibAv.DecoderId(codec))
            return false;
        _streamIndex = first;
        _codec = LibAv.avcodec_alloc_context3(codec);
        if (_codec == 0 || LibAv.avcodec_parameters_to_context(_codec, parameters) < 0 || LibAv.avcodec_open2(_codec, codec, null) < 0)
            return false;
        _packet = LibAv.av_packet_alloc();
        _frame = LibAv.av_frame_alloc();
        return _packet != 0 && _frame != 0;
    }

    public int Read(Span<float> frames)
    {
        ObjectDisposedException.ThrowIf(_format == 0, this);
        var wanted = frames.Length / _channels;
        var done = 0;
        while (done < wanted)
        {
            if (_pendingStart == _pendingEnd && !DecodeNext())
                break;
            var take = Math.Min(wanted - done, _pendingEnd - _pendingStart);
            _pending.AsSpan(_pendingStart * _channels, take * _channels).CopyTo(frames[(done * _channels)..]);
            _pendingStart += take;
            done += take;
        }
        return done;
    }

    /// <summary>Decodes the next frame into <see cref="_pending"/>; false at the end of the stream.</summary>
    private bool DecodeNext()
    {
        while (!_finished)
        {
            var received = LibAv.avcodec_receive_frame(_codec, _frame);
            if (received == 0)
            {
                try
                {
                    Convert();
                }
                finally
                {
                    LibAv.av_frame_unref(_frame);
                }
                if (_pendingEnd > 0)
                    return true;
                continue;
            }
            if (received == LibAv.ErrorEndOfFile || _draining)
            {
                _finished = true;
                break;
            }
            Feed();
        }
        return false;
    }

    /// <summary>Sends the next packet of the stream to the decoder, or the end of the stream once there are none.</summary>
    private void Feed() => _draining |= LibAv.SendNextPacket(_format, _codec, _packet, _streamIndex);

    /// <summary>The frame's samples as interleaved floats, converted as libswresample converts them for ffmpeg.</summary>
    private void Convert()
    {
        var count = LibAv.FrameSamples(_frame);
        var format = LibAv.FrameFormat(_frame);
        var channels = _channels;
        if (_pending.Length < count * channels)
            _pending = new float[count * channels];
        (_pendingStart, _pendingEnd) = (0, count);
        var planes = LibAv.FrameExtendedData(_frame);
        var planar = format is U8P or S16P or S32P or FltP or DblP or S64P;
        if (!Holds(planes, planar, count, format))
            throw new ScriptComposerException(
                $"The sound of '{_path}' changes to other than {channels} channels part-way. Convert it to one layout (ffmpeg -i IN -ac {channels} OUT), or set SC_IN_PROCESS_DECODE=0 to let ffmpeg read it.");
        var output = _pending.AsSpan(0, count * channels);
        for (var c = 0; c < channels; c++)
        {
            var plane = planar ? planes[c] : planes[0];
            var (stride, first) = planar ? (1, 0) : (channels, c);
            switch (format)
            {
                case U8 or U8P:
                    for (var n = 0; n < count; n++) output[n * channels + c] = (plane[n * stride + first] - 0x80) * (1.0f / (1 << 7));
                    break;
                case S16 or S16P:
                    for (var n = 0; n < count; n++) output[n * channels + c] = ((short*)plane)[n * stride + first] * (1.0f / (1 << 15));
                    break;
                case S32 or S32P:
                    for (var n = 0; n < count; n++) output[n * channels + c] = ((int*)plane)[n * stride + first] * (1.0f / (1U << 31));
                    break;
                case Flt or FltP:
                    for (var n = 0; n < count; n++) output[n * channels + c] = ((float*)plane)[n * stride + first];
                    break;
                case Dbl or DblP:
                    for (var n = 0; n < count; n++) output[n * channels + c] = (float)((double*)plane)[n * stride + first];
                    break;
                case S64 or S64P:
                    for (var n = 0; n < count; n++) output[n * channels + c] = ((long*)plane)[n * stride + first] * (1.0f / (1UL << 63));
                    break;
                default:
                    throw new ScriptComposerException($"'{_path}' decodes to sample format {format}, which sc cannot read in process. Set SC_IN_PROCESS_DECODE=0 to let ffmpeg convert it.");
            }
        }
    }

    /// <summary>
    /// Whether the frame holds the channels the probe reported: a planar frame has exactly one plane per channel (the
    /// planes past the last are null while they fit in data[8]), a packed one a single plane wide enough for all of them.
    /// </summary>
    private bool Holds(byte** planes, bool planar, int count, int format)
    {
        var data = (byte**)_frame;
        if (!planar)
        {
            var bytes = format switch { U8 => 1, S16 => 2, Dbl or S64 => 8, _ => 4 };
            return planes[0] != null && data[1] == null && LibAv.FrameLineSize(_frame, 0) >= (long)count * bytes * _channels;
        }
        for (var c = 0; c < _channels; c++)
            if (planes[c] == null)
                return false;
        return _channels >= 8 || planes != data || data[_channels] == null;
    }

    private nint CodecParameters(int stream) => *(nint*)(LibAv.Stream(_format, stream) + LibAvLibraries.StreamCodecParametersOffset);

    public void Dispose()
    {
        fixed (nint* frame = &_frame, packet = &_packet, codec = &_codec, format = &_format)
        {
            if (_frame != 0) LibAv.av_frame_free(frame);
            if (_packet != 0) LibAv.av_packet_free(packet);
            if (_codec != 0) LibAv.avcodec_free_context(codec);
            if (_format != 0) LibAv.avformat_close_input(format);
        }
        (_frame, _packet, _codec, _format) = (0, 0, 0, 0);
    }
}
