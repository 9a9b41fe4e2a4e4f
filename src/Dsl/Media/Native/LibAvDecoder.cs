using System.Globalization;
using System.Text;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Media.Native;

/// <summary>
/// Decodes a video's first video stream in this process with libavcodec, frame after frame from the start, into tight
/// I420 buffers: what <c>ffmpeg -i FILE -map 0:v:0 -fps_mode passthrough -f rawvideo -pix_fmt yuv420p</c> writes, byte for
/// byte, without starting a process (~0.05 s of CPU each with Debian's ffmpeg) or copying every frame through a socket.
/// Only for I420 sources (at their own size, or scaled as <c>-vf scale=W:H:flags=bicubic</c> does), read on from the first
/// frame (<see cref="Rewind"/> goes back to it) or from where <see cref="TrySeek"/> puts it, as <c>ffmpeg -ss</c> does;
/// <see cref="TryOpen"/> says null otherwise, and the caller starts ffmpeg. Not thread-safe: one reader thread at a time.
/// </summary>
internal sealed unsafe class LibAvDecoder : IDisposable
{
    private readonly string _path;

    /// <summary>The frames <see cref="ReadFrame"/> gives: upright.</summary>
    private readonly Yuv420Layout _layout;

    /// <summary>The picture as stored, at the size it is scaled to: the layout, its sides traded when it is turned a quarter.</summary>
    private readonly Yuv420Layout _stored;

    /// <summary>How far the stored picture is turned clockwise to show upright (<see cref="MediaInfo.Rotation"/>), and a frame before its turn.</summary>
    private readonly int _rotation;
    private byte[]? _unturned;

    /// <summary>The scaler for frames of another size than the layout's, and the size it was made for.</summary>
    private nint _scaler;
    private (int Width, int Height) _scalerSource;
    private int _streamIndex;
    private nint _format;
    private nint _codec;
    private nint _packet;
    private nint _frame;
    private bool _draining;
    private bool _finished;
    private long _frames;

    /// <summary>Whether <see cref="_frame"/> holds the frame a seek stopped at, which the next read delivers.</summary>
    private bool _held;

    /// <summary>A hash of the first frame as first decoded, to check that a <see cref="Rewind"/> came back to it.</summary>
    private int? _firstFrameHash;
    private bool _checkFirstFrame;

    private LibAvDecoder(string path, Yuv420Layout layout, int rotation)
    {
        _path = path;
        _layout = layout;
        _rotation = rotation;
        _stored = rotation is 90 or 270 ? new Yuv420Layout(layout.Height, layout.Width) : layout;
    }

    /// <summary>
    /// A decoder for <paramref name="media"/> from its first frame, or null when in-process decoding does not apply (another
    /// pixel format or size, no usable libraries) or the file does not open: ffmpeg then decodes it, and explains any error.
    /// </summary>
    public static LibAvDecoder? TryOpen(MediaInfo media, int width, int height)
    {
        if (media.PixelFormat != "yuv420p" || !LibAvLibraries.Available)
            return null;
        // A turned picture is scaled as stored and then turned upright (ffmpeg turns before it scales: the same bytes at the file's size).
        var decoder = new LibAvDecoder(media.Path, new Yuv420Layout(width, height), media.Rotation);
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
        nint codec = 0;
        var best = LibAv.av_find_best_stream(_format, LibAv.MediaTypeVideo, -1, -1, &codec, 0);
        if (best < 0 || codec == 0)
            return false;
        var parameters = CodecParameters(_format, best);
        // The one layout-dependent field: a wrong offset shows as parameters that are not this stream's.
        if (parameters == 0 || LibAv.CodecType(parameters) != LibAv.MediaTypeVideo || LibAv.CodecId(parameters) != LibAv.DecoderId(codec))
            return false;
        // ffmpeg -map 0:v:0 takes the first video stream, which is nearly always the best one.
        if (best != FirstVideoStream(_format))
            return false;
        _streamIndex = best;
        return OpenCodec(codec, parameters);
    }

    /// <summary>
    /// Goes back to the first frame without closing the file: a looping clip restarts every few seconds, and reopening
    /// would probe the file and start decoder threads each time. The first frame decoded after it is checked against the
    /// first one ever decoded; should the seek have landed elsewhere, the file is opened anew.
    /// </summary>
    public void Rewind()
    {
        ObjectDisposedException.ThrowIf(_format == 0, this);
        DropHeld();
        // Opened anew, the file needs no check that it came back to its first frame.
        if (GoToStart())
            (_draining, _finished, _frames, _checkFirstFrame) = (false, false, 0, true);
    }

    /// <summary>
    /// Goes to the first frame <c>ffmpeg -seek_timestamp 1 -ss SECONDS</c> should deliver (<paramref name="seconds"/>, a
    /// time in the file's timeline, as given to ffmpeg): seeks to the keyframe at or before that time (a little earlier
    /// where the demuxer seeks by decoding time, as ffmpeg does), decodes, and drops the frames that show before it. Where
    /// the demuxer lands after that time (MPEG-TS has no index, and its seeks can land a keyframe late), it seeks further
    /// back, and in the end reads from the start: the frames are always the ones reading on from the first would give.
    /// False when a frame has no time: the caller then starts ffmpeg. Past the last picture, the next read delivers none.
    /// </summary>
    public bool TrySeek(string seconds)
    {
        ObjectDisposedException.ThrowIf(_format == 0, this);
        DropHeld();
        // ffmpeg reads -ss to the microsecond.
        var timestamp = (long)(decimal.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture) * LibAv.TimeBase);
        var seekTo = timestamp;
        // ffmpeg's margin for B-frames where the demuxer seeks by decoding time: an earlier keyframe at most, the same frames.
        if ((LibAv.InputFormatFlags(_format) & LibAv.SeekToPts) == 0)
            seekTo -= 3 * LibAv.TimeBase / 23;
        var (numerator, denominator) = LibAv.StreamTimeBase(LibAv.Stream(_format, _streamIndex));
        if (numerator <= 0 || denominator <= 0)
            return false;
        var first = RescaleMicroseconds(timestamp, numerator, denominator);
        for (var back = 0L; ; back = back == 0 ? LibAv.TimeBase : 4 * back)
        {
            var fromStart = back > LongestStepBack;
            var target = seekTo - back;
            if (fromStart)
                GoToStart();
            else if (LibAv.avformat_seek_file(_format, -1, long.MinValue, target, target, 0) < 0)
                continue;
            else
                LibAv.avcodec_flush_buffers(_codec);
            (_draining, _finished, _checkFirstFrame, _frames) = (false, false, false, 1);
            if (!Receive())
            {
                // Nothing after the landing point: past the end, or landed too late to tell.
                if (fromStart)
                    return true;
                continue;
            }
            var pts = LibAv.FramePts(_frame);
            // A seek that works lands on a keyframe at or before its target: a first frame after it means the demuxer overshot.
            if (!fromStart && pts != LibAv.NoTimestamp && pts > RescaleMicroseconds(target, numerator, denominator))
            {
                LibAv.av_frame_unref(_frame);
                continue;
            }
            while (true)
            {
                if (pts == LibAv.NoTimestamp)
                {
                    LibAv.av_frame_unref(_frame);
                    return false;
                }
                if (pts >= first)
                {
                    _held = true;
                    return true;
                }
                LibAv.av_frame_unref(_frame);
                if (!Receive())
                    return true;
                pts = LibAv.FramePts(_frame);
            }
        }
    }

    /// <summary>How far back <see cref="TrySeek"/> tries a seek (1, 4, 16, 64, 256 s) before it reads from the start.</summary>
    private const long LongestStepBack = 256L * LibAv.TimeBase;

    /// <summary>
    /// Back to the first frame: a seek to timestamp 0 in the stream's time base (the keyframe at or before it, or, for a
    /// stream starting later, the first one), else the file opened anew. True when it seeked in place.
    /// </summary>
    private bool GoToStart()
    {
        if (LibAv.av_seek_frame(_format, _streamIndex, 0, LibAv.SeekBackward) < 0 && LibAv.av_seek_frame(_format, _streamIndex, 0, 0) < 0)
        {
            Reopen();
            return false;
        }
        LibAv.avcodec_flush_buffers(_codec);
        return true;
    }

    /// <summary>av_rescale_q(microseconds, 1/1000000, numerator/denominator), rounding half away from zero as it does.</summary>
    internal static long RescaleMicroseconds(long microseconds, int numerator, int denominator)
    {
        var scaled = (Int128)microseconds * denominator;
        var unit = (Int128)LibAv.TimeBase * numerator;
        var rounded = (2 * Int128.Abs(scaled) + unit) / (2 * unit);
        return (long)(scaled < 0 ? -rounded : rounded);
    }

    private void DropHeld()
    {
        if (_held)
            LibAv.av_frame_unref(_frame);
        _held = false;
    }

    /// <summary>How many times a rewind had to open the file again; for tests.</summary>
    internal int Reopens { get; private set; }

    private void Reopen()
    {
        Reopens++;
        DropHeld();
        Close();
        (_draining, _finished, _frames, _checkFirstFrame) = (false, false, 0, false);
        if (!Open())
            throw new ScriptComposerException($"'{_path}' could not be opened again to loop it. Check that the file is still there and complete.");
    }

    /// <summary>Fills <paramref name="i420"/> with the next frame; false after the last one.</summary>
    /// <exception cref="ScriptComposerException">The stream changes size or pixel format mid-way.</exception>
    public bool ReadFrame(Span<byte> i420)
    {
        ObjectDisposedException.ThrowIf(_format == 0, this);
        while (_held || Receive())
        {
            _held = false;
            try
            {
                CopyFrame(i420);
            }
            finally
            {
                LibAv.av_frame_unref(_frame);
            }
            if (_frames == 0 && !IsTheFirstFrame(i420))
            {
                Reopen();
                continue;
            }
            _frames++;
            return true;
        }
        return false;
    }

    /// <summary>Decodes the next frame into <see cref="_frame"/>, feeding packets as needed; false after the last one.</summary>
    private bool Receive()
    {
        while (!_finished)
        {
            var received = LibAv.avcodec_receive_frame(_codec, _frame);
            if (received == 0)
                return true;
            if (received == LibAv.ErrorEndOfFile || _draining)
            {
                _finished = true;
                break;
            }
            // EAGAIN wants another packet; after an error in a damaged frame ffmpeg also goes on with the next one.
            Feed();
        }
        return false;
    }

    /// <summary>Remembers the first frame the first time; after a rewind, says whether this is it again.</summary>
    private bool IsTheFirstFrame(ReadOnlySpan<byte> i420)
    {
        var hash = new HashCode();
        hash.AddBytes(i420);
        var value = hash.ToHashCode();
        var check = _checkFirstFrame;
        _checkFirstFrame = false;
        _firstFrameHash ??= value;
        return !check || _firstFrameHash == value;
    }

    /// <summary>Sends the next packet of the stream to the decoder, or the end of the stream once there are none.</summary>
    private void Feed() => _draining |= LibAv.SendNextPacket(_format, _codec, _packet, _streamIndex);

    private void CopyFrame(Span<byte> i420)
    {
        if (_rotation == 0)
        {
            CopyStored(i420);
            return;
        }
        _unturned ??= new byte[_stored.TotalBytes];
        CopyStored(_unturned);
        I420Turn.Turn(_unturned, _stored, i420, _layout, _rotation);
    }

    /// <summary>The frame as stored, scaled to <see cref="_stored"/>.</summary>
    private void CopyStored(Span<byte> i420)
    {
        var (width, height, pixelFormat) = (LibAv.FrameWidth(_frame), LibAv.FrameHeight(_frame), LibAv.FrameFormat(_frame));
        if (pixelFormat != LibAv.PixelFormatYuv420P)
            throw new ScriptComposerException(
                $"'{_path}' changes from I420 to pixel format {pixelFormat} at frame {_frames}. " +
                "Re-encode it in one pixel format (ffmpeg -i IN -pix_fmt yuv420p OUT), or set SC_IN_PROCESS_DECODE=0 to let ffmpeg convert it.");
        if ((width, height) != (_stored.Width, _stored.Height))
        {
            Scale(i420, width, height);
            return;
        }
        CopyPlane(0, _stored.Width, _stored.Height, i420[.._stored.LumaBytes]);
        CopyPlane(1, _stored.ChromaWidth, _stored.ChromaHeight, i420.Slice(_stored.LumaBytes, _stored.ChromaBytes));
        CopyPlane(2, _stored.ChromaWidth, _stored.ChromaHeight, i420.Slice(_stored.LumaBytes + _stored.ChromaBytes, _stored.ChromaBytes));
    }

    /// <summary>
    /// What the ffmpeg command's scale=W:H:flags=bicubic does (and the scaler ffmpeg inserts when a stream changes size
    /// mid-way), without a filter graph around it.
    /// </summary>
    private void Scale(Span<byte> i420, int width, int height)
    {
        if (_scaler == 0 || _scalerSource != (width, height))
        {
            if (_scaler != 0)
                LibAv.sws_freeContext(_scaler);
            _scaler = LibAv.sws_getContext(width, height, LibAv.PixelFormatYuv420P, _stored.Width, _stored.Height,
                LibAv.PixelFormatYuv420P, LibAv.ScaleBicubic, 0, 0, null);
            _scalerSource = (width, height);
            if (_scaler == 0)
                throw new ScriptComposerException($"'{_path}': libswscale cannot scale {width}x{height} to {_stored.Width}x{_stored.Height}. Set SC_IN_PROCESS_DECODE=0 to let ffmpeg do it.");
        }
        var sources = stackalloc byte*[4];
        var sourceStrides = stackalloc int[4];
        for (var plane = 0; plane < 3; plane++)
        {
            sources[plane] = LibAv.FrameData(_frame, plane);
            sourceStrides[plane] = LibAv.FrameLineSize(_frame, plane);
        }
        fixed (byte* target = i420)
        {
            var planes = stackalloc byte*[] { target, target + _stored.LumaBytes, target + _stored.LumaBytes + _stored.ChromaBytes, null };
            var strides = stackalloc int[] { _stored.Width, _stored.ChromaWidth, _stored.ChromaWidth, 0 };
            LibAv.sws_scale(_scaler, sources, sourceStrides, 0, height, planes, strides);
        }
    }

    private void CopyPlane(int plane, int width, int height, Span<byte> destination)
    {
        var source = LibAv.FrameData(_frame, plane);
        var stride = LibAv.FrameLineSize(_frame, plane);
        for (var y = 0; y < height; y++)
            new ReadOnlySpan<byte>(source + (long)y * stride, width).CopyTo(destination.Slice(y * width, width));
    }

    private bool OpenCodec(nint codec, nint parameters)
    {
        _codec = LibAv.avcodec_alloc_context3(codec);
        if (_codec == 0 || LibAv.avcodec_parameters_to_context(_codec, parameters) < 0)
            return false;
        nint options = 0;
        // Frame threads on every core (or as many as SC_THREADS gives), as the ffmpeg command uses (libavcodec's own default is one thread).
        var threads = Encoding.ASCII.GetBytes((FfmpegTools.Settings.DecodeThreads?.ToString(CultureInfo.InvariantCulture) ?? "auto") + "\0");
        fixed (byte* key = "threads\0"u8, value = threads)
            LibAv.av_dict_set(&options, key, value, 0);
        var opened = LibAv.avcodec_open2(_codec, codec, &options);
        LibAv.av_dict_free(&options);
        if (opened < 0)
            return false;
        _packet = LibAv.av_packet_alloc();
        _frame = LibAv.av_frame_alloc();
        return _packet != 0 && _frame != 0;
    }

    private static int FirstVideoStream(nint format)
    {
        for (var i = 0; i < (int)LibAv.StreamCount(format); i++)
        {
            if (CodecParameters(format, i) is not 0 and var parameters && LibAv.CodecType(parameters) == LibAv.MediaTypeVideo)
                return i;
        }
        return -1;
    }

    private static nint CodecParameters(nint format, int stream) =>
        *(nint*)(LibAv.Stream(format, stream) + LibAvLibraries.StreamCodecParametersOffset);

    public void Dispose() => Close();

    private void Close()
    {
        fixed (nint* frame = &_frame, packet = &_packet, codec = &_codec, format = &_format)
        {
            if (_frame != 0) LibAv.av_frame_free(frame);
            if (_packet != 0) LibAv.av_packet_free(packet);
            if (_codec != 0) LibAv.avcodec_free_context(codec);
            if (_format != 0) LibAv.avformat_close_input(format);
        }
        if (_scaler != 0) LibAv.sws_freeContext(_scaler);
        (_frame, _packet, _codec, _format, _scaler) = (0, 0, 0, 0, 0);
    }
}
