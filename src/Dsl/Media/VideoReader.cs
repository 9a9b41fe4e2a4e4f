using System.Globalization;
using System.Threading.Channels;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Decodes one video file into I420 (or, for sources with alpha or more chroma than 4:2:0, RGBA) frames at a chosen size, reading ahead on a
/// background task through a small bounded queue. Frames are asked for by source index; reading goes forward, and a
/// backward or far jump restarts the decoder at the wanted frame, as <c>ffmpeg -ss</c> would. An I420 video is decoded (and
/// scaled) in this process (<see cref="Native.LibAvDecoder"/>); other videos, or where the libraries cannot be used, by
/// ffmpeg. A frame past the last one repeats the last one; more than a frame past it is an error (a truncated file, whose
/// header claims more). A step back (a clip played backwards) keeps the frames decoded on the way to the wanted one, so the
/// frames before it come from memory, not from another decode from the keyframe: one pass per group of pictures.
/// </summary>
public sealed class VideoReader : IDisposable
{
    private const int QueueDepth = 3;

    /// <summary>How much memory the frames kept from a step back may take, per reader (about 40 frames of 1080p I420).</summary>
    private const long BehindBytes = 128L << 20;

    /// <summary>A jump back of at most this many frames is a step of a clip played backwards (at up to this speed).</summary>
    private const int StepBack = 4;
    private readonly MediaInfo _media;
    private readonly int _width;
    private readonly int _height;
    private readonly int _frameBytes;
    private readonly long _farJump;
    private Decoder? _decoder;

    /// <summary>Frame buffers free for the decoder to fill, kept across restarts (a loop or seek would otherwise drop them to the GC).</summary>
    private readonly Channel<byte[]> _spare = Channel.CreateUnbounded<byte[]>();
    private byte[] _current;
    private long _currentIndex = -1;

    /// <summary>The index of the picture in <see cref="_current"/>, which past the end of the file is not <see cref="_currentIndex"/>.</summary>
    private long _currentSource = -1;

    /// <summary>How many pictures the file has, once a decoder reached its end.</summary>
    private long? _end;

    /// <summary>Frames decoded on the way to the frame a step back asked for, by index: the ones a backward clip asks for next.</summary>
    private readonly Dictionary<long, byte[]> _behind = [];
    private readonly long _behindFrames;

    public VideoReader(MediaInfo media, int width, int height) : this(media, width, height, BehindBytes)
    {
    }

    /// <param name="behindBytes">How much memory the frames kept from a step back may take (tests use less).</param>
    internal VideoReader(MediaInfo media, int width, int height, long behindBytes)
    {
        _behindFrames = Math.Max(1, behindBytes / FrameBytes(media, width, height));
        _media = media;
        _width = width;
        _height = height;
        _frameBytes = FrameBytes(media, width, height);
        _current = new byte[_frameBytes];
        _farJump = Math.Max(2, 2L * media.FrameRate.Numerator / media.FrameRate.Denominator);
    }

    /// <summary>
    /// Whether frames come as I420 (the backend converts them: 1.5 bytes a pixel through the pipe and no conversion in
    /// ffmpeg) or, for sources with alpha or with more chroma than 4:2:0 (<see cref="MediaInfo.ReadsAsI420"/>), as straight RGBA.
    /// </summary>
    public bool DecodesI420 => DecodesAsI420(_media);

    private static bool DecodesAsI420(MediaInfo media) => media.ReadsAsI420;

    private static int FrameBytes(MediaInfo media, int width, int height) =>
        DecodesAsI420(media) ? new Gpu.Yuv420Layout(width, height).TotalBytes : checked(width * height * 4);

    /// <summary>The index of the frame <see cref="ReadFrame"/> returned last, or −1 before the first read.</summary>
    public long CurrentIndex => _currentIndex;

    /// <summary>
    /// How many frames reading <paramref name="index"/> would decode: 0 for the current frame, the distance for a short
    /// forward read, or null when it would restart ffmpeg (a backward or far jump).
    /// </summary>
    public long? CostOf(long index)
    {
        if (index == _currentIndex) return 0;
        if (_behind.ContainsKey(index)) return 1;
        if (_decoder is null || index < _decoder.NextIndex || index > _decoder.NextIndex + _farJump) return null;
        return index - _decoder.NextIndex + 1;
    }

    /// <summary>How many times ffmpeg was (re)started; for tests of the seeking policy.</summary>
    public int Starts => Decoding.Total;

    /// <summary>How the (re)starts went: decoders opened in this process, rewound in place, and ffmpeg processes started.</summary>
    public DecodeCounts Decoding { get; private set; }

    /// <summary>The pixels of source frame <paramref name="index"/> (I420, or straight RGBA; see <see cref="DecodesI420"/>); valid until the next call.</summary>
    public ReadOnlySpan<byte> ReadFrame(long index) => ReadFrameMemory(index).Span;

    /// <summary><see cref="ReadFrame"/> as memory, for a caller that holds several frames at once (the planar composite); valid until the next read.</summary>
    /// <exception cref="ScriptComposerException">The file's pictures end more than a frame before <paramref name="index"/> (a truncated file).</exception>
    public ReadOnlyMemory<byte> ReadFrameMemory(long index)
    {
        index = Math.Max(0, index);
        if (index == _currentIndex)
            return _current;
        if (_behind.TryGetValue(index, out var kept))
        {
            kept.CopyTo(_current, 0);
            (_currentIndex, _currentSource) = (index, index);
            return _current;
        }
        if (_end is { } known && index >= known)
            return LastPicture(index, known);
        // A step back of a few frames is a clip played backwards: the decoder starts as many frames before this one as can be kept,
        // and keeps them, for they are the ones asked for next.
        var stepBack = _currentIndex >= 0 && index < _currentIndex && _currentIndex - index <= StepBack;
        var keepFrom = stepBack ? Math.Max(0, index - _behindFrames) : long.MaxValue;
        if (_decoder is null || index < _decoder.NextIndex || index > _decoder.NextIndex + _farJump)
        {
            ForgetBehind();
            Restart(Math.Min(index, keepFrom));
        }
        while (_decoder!.NextIndex <= index && Take())
        {
            if (_currentSource >= keepFrom && _currentSource < index)
                Keep(_currentSource);
        }
        if (_decoder.NextIndex <= index)
        {
            // An ffmpeg started past the last picture delivers none; where the pictures end is then looked for further back.
            _end = _decoder.Delivered > 0 || _decoder.FirstIndex == 0 ? _decoder.NextIndex : FindEnd(_decoder.FirstIndex);
            return LastPicture(index, _end.Value);
        }
        _currentIndex = index;
        return _current;
    }

    /// <summary>Keeps a copy of the frame in <see cref="_current"/> (frame <paramref name="index"/>), in a buffer of the pool when it has one.</summary>
    private void Keep(long index)
    {
        var copy = _spare.Reader.TryRead(out var spare) ? spare : new byte[_frameBytes];
        _current.CopyTo(copy, 0);
        _behind[index] = copy;
    }

    /// <summary>Gives as many of the kept frames' buffers back to the pool as a decoder reads ahead into; the others go to the GC.</summary>
    private void ForgetBehind()
    {
        foreach (var buffer in _behind.Values.Take(QueueDepth + 1))
            _spare.Writer.TryWrite(buffer);
        _behind.Clear();
    }

    /// <summary>Moves the decoder's next frame into <see cref="_current"/>; false at the end of the file.</summary>
    private bool Take()
    {
        if (_decoder!.Take() is not { } frame)
            return false;
        _decoder.Recycle(_current);
        _current = frame;
        _currentSource = _decoder.NextIndex - 1;
        return true;
    }

    /// <summary>
    /// Frame <paramref name="index"/> of a file that has only <paramref name="end"/>: its last picture, when the index is at
    /// most a frame past it (a clip's end rounded up to the next frame), else the error that the file ends early.
    /// </summary>
    private ReadOnlyMemory<byte> LastPicture(long index, long end)
    {
        if (end == 0)
            throw new ScriptComposerException(_decoder?.InProcess ?? false
                ? $"No frame of '{_media.Path}' could be decoded. Check that the file is complete (ffmpeg -v error -i FILE -f null - shows what is wrong with it)."
                : $"ffmpeg produced no frames from '{_media.Path}'. ffmpeg said:\n{_decoder?.StderrTail}");
        if (index > end)
        {
            string Seconds(long frame) => _media.TimeOfFrame(frame).ToString("0.00", CultureInfo.InvariantCulture);
            throw new ScriptComposerException(
                $"'{_media.Path}' has no picture after {Seconds(end)} s, but the script shows it at {Seconds(index)} s " +
                $"(the file says it lasts {_media.Duration.ToString("0.00", CultureInfo.InvariantCulture)} s): the file may be truncated. " +
                $"Use only what it has (Subclip(0, {Seconds(end)})), or re-encode or copy the file again.");
        }
        if (_currentSource != end - 1)
            ReadFrameMemory(end - 1);
        _currentIndex = index;
        return _current;
    }

    /// <summary>
    /// Where the pictures end when an ffmpeg started at <paramref name="beyond"/> delivered none: decodes from further and
    /// further back until a picture comes, then to the end of the file. The number of pictures the file has.
    /// </summary>
    private long FindEnd(long beyond)
    {
        for (var step = Math.Max(2 * _farJump, 2); ; step *= 4)
        {
            var from = Math.Max(0, beyond - step);
            Restart(from);
            while (Take())
            {
            }
            if (_decoder!.Delivered > 0 || from == 0)
                return _decoder.NextIndex;
            beyond = from;
        }
    }

    /// <summary>The exact ffmpeg arguments to decode from frame <paramref name="startIndex"/> to <paramref name="output"/> (an ffmpeg URL); pinned by tests.</summary>
    public static IReadOnlyList<string> BuildArguments(MediaInfo media, int width, int height, long startIndex, string output = "pipe:1")
    {
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin" };
        // The time is the picture's own, not counted from the file's start: frame N is the Nth picture, as reading from
        // the first one counts, also where the video starts after the sound (an MPEG-TS's video, a few ms after its sound).
        // A container without an index can land its seek a keyframe late: there ffmpeg reads from the start instead and
        // drops what comes before the frame (an output -ss, on the file's own clock).
        var seek = startIndex > 0 ? SeekSeconds(media, startIndex) : null;
        var exact = SeeksExactly(media);
        if (seek is not null)
            args.AddRange(exact ? ["-seek_timestamp", "1", "-ss", seek] : ["-copyts"]);
        if (FfmpegTools.Settings.DecodeThreads is { } threads)
            args.AddRange(["-threads", threads.ToString(CultureInfo.InvariantCulture)]);
        if (media.Decoder is { } decoder)
            args.AddRange(["-c:v", decoder]);
        args.AddRange(["-i", media.Path, "-map", "0:v:0", "-an", "-sn", "-dn"]);
        if (seek is not null && !exact)
            args.AddRange(["-ss", seek]);
        // Full-range Y'CbCr stays full (and is read as such): converted to yuv420p by ffmpeg's default it would be squeezed into
        // 16..235, which the frame's range (MediaInfo.Range) then stretched as if full, washing the colours out.
        if (DecodesAsI420(media) && media.Range == YuvRange.Full)
            args.AddRange(["-vf", $"scale={width}:{height}:flags=bicubic:out_range=pc"]);
        // To RGBA the source's matrix and range are given as the file is tagged: a decoder that does not pass them on with its
        // frames (libvpx's, for VP8 with alpha) would be read as BT.601.
        else if (!DecodesAsI420(media) && media.PixelFormat.StartsWith("yuv", StringComparison.Ordinal))
            args.AddRange(["-vf", $"scale={width}:{height}:flags=bicubic:in_color_matrix={SwscaleName(media.Matrix)}:in_range={(media.Range == YuvRange.Full ? "pc" : "tv")}"]);
        else if ((width, height) != media.DecodedSize)
            args.AddRange(["-vf", $"scale={width}:{height}:flags=bicubic"]);
        args.AddRange([.. FfmpegTools.EveryFrame(), "-f", "rawvideo", "-pix_fmt", DecodesAsI420(media) ? "yuv420p" : "rgba", output]);
        return args;
    }

    private static string SwscaleName(YuvMatrix matrix) => matrix switch
    {
        YuvMatrix.Bt709 => "bt709",
        YuvMatrix.Bt2020 => "bt2020",
        _ => "bt601",
    };

    /// <summary>
    /// Whether ffmpeg's seek in this file lands at or before the time asked for: not in the containers that have no index
    /// (MPEG transport and program streams, raw elementary streams), where libavformat searches by byte position.
    /// </summary>
    internal static bool SeeksExactly(MediaInfo media) =>
        media.Container is not { } container || !container.Split(',').Any(name => name is "mpegts" or "mpeg" or "mpegvideo" or "h264" or "hevc" or "m4v");

    /// <summary>
    /// The time a decoder started at frame <paramref name="startIndex"/> seeks to, in the file's timeline, as ffmpeg's -ss
    /// reads it: halfway between the picture before and the picture, so the first picture at or after it is the wanted one
    /// despite rounding (half a frame before it at a constant frame rate).
    /// </summary>
    internal static string SeekSeconds(MediaInfo media, long startIndex) =>
        (media.VideoStart + Math.Max(0, media.FrameTimes is null
            ? (startIndex - 0.5) * media.FrameRate.Denominator / media.FrameRate.Numerator
            : (media.TimeOfFrame(startIndex - 1) + media.TimeOfFrame(startIndex)) / 2)).ToString("0.######", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _decoder?.Dispose();
        _decoder = null;
        _behind.Clear();
    }

    /// <summary>Whether the last (re)start decodes in this process (libavcodec) rather than in an ffmpeg process; for tests.</summary>
    internal bool DecodesInProcess => _decoder?.InProcess ?? false;

    private void Restart(long index)
    {
        var nearStart = index <= _farJump;
        // An in-process decoder is kept: a loop or a jump rewinds or seeks it instead of opening the file again.
        Native.LibAvDecoder? native = null;
        if (_decoder is { InProcess: true } current)
            native = current.DetachNative();
        else
            _decoder?.Dispose();
        _decoder = null;
        var reused = native is not null;
        // An I420 video is decoded (and scaled) here: no ffmpeg process to start, no socket to copy through. Near its start
        // it is read from the first frame (decoding up to the frame costs no more than a seek would: a faded-in clip's first
        // visible frame is its second, and most files have a keyframe only every few seconds); further in, it seeks, to the
        // frame reading on from the first would reach.
        native ??= Native.LibAvDecoder.TryOpen(_media, _width, _height);
        if (native is not null)
        {
            try
            {
                if (nearStart)
                {
                    if (reused)
                        native.Rewind();
                    _decoder = new Decoder(native, _frameBytes, 0, _spare);
                    Decoding += reused ? new DecodeCounts(0, 1, 0) : new DecodeCounts(1, 0, 0);
                    return;
                }
                if (native.TrySeek(SeekSeconds(_media, index)))
                {
                    _decoder = new Decoder(native, _frameBytes, index, _spare);
                    Decoding += new DecodeCounts(0, 0, 0, Seeks: 1);
                    return;
                }
            }
            catch
            {
                native.Dispose();
                throw;
            }
            native.Dispose();
        }
        // A socket carries raw frames faster than a pipe (bench -- pipe); where there is none, standard output does.
        var ffmpeg = FfmpegProcess.StartWithSocketOutput(output => BuildArguments(_media, _width, _height, index, output));
        _decoder = new Decoder(ffmpeg, _frameBytes, index, _spare);
        Decoding += new DecodeCounts(0, 0, 1);
    }

    /// <summary>One ffmpeg run (or one in-process decoder) and the task that reads its frames ahead.</summary>
    private sealed class Decoder : IDisposable
    {
        private readonly FfmpegProcess? _ffmpeg;
        private Native.LibAvDecoder? _native;
        private readonly int _frameBytes;
        private readonly Channel<byte[]> _frames = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(QueueDepth) { SingleReader = true, SingleWriter = true });
        private readonly Channel<byte[]> _spare;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _pump;

        public Decoder(FfmpegProcess ffmpeg, int frameBytes, long firstIndex, Channel<byte[]> spare)
        {
            _spare = spare;
            _ffmpeg = ffmpeg;
            _frameBytes = frameBytes;
            FirstIndex = NextIndex = firstIndex;
            _pump = Task.Run(Pump);
        }

        public Decoder(Native.LibAvDecoder native, int frameBytes, long firstIndex, Channel<byte[]> spare)
        {
            _spare = spare;
            _native = native;
            _frameBytes = frameBytes;
            FirstIndex = NextIndex = firstIndex;
            // Decoding is CPU work in native code that blocks its thread: a thread of its own, not the pool's.
            _pump = Task.Factory.StartNew(PumpNative, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public long NextIndex { get; private set; }

        /// <summary>The index of the first frame this decoder delivers: where it was started or seeked to, or 0.</summary>
        public long FirstIndex { get; }

        public long Delivered => NextIndex - FirstIndex;

        public bool InProcess => _native is not null;

        public string StderrTail => _ffmpeg?.StderrTail ?? "";

        /// <summary>The next frame, or null at the end of the file.</summary>
        public byte[]? Take()
        {
            try
            {
                var frame = _frames.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();
                NextIndex++;
                return frame;
            }
            catch (ChannelClosedException e) when (e.InnerException is null)
            {
                return null;
            }
            catch (ChannelClosedException e)
            {
                throw new ScriptComposerException($"Decoding video failed: {e.InnerException!.Message}", e.InnerException);
            }
        }

        /// <summary>A frame buffer from the reader's pool (a buffer not handed on is always given back), or a new one.</summary>
        private byte[] SpareOrNew() => _spare.Reader.TryRead(out var spare) ? spare : new byte[_frameBytes];

        public void Recycle(byte[] buffer)
        {
            if (buffer.Length == _frameBytes) _spare.Writer.TryWrite(buffer);
        }

        private async Task Pump()
        {
            Exception? failure = null;
            byte[]? held = null;
            try
            {
                var stream = _ffmpeg!.Output;
                while (!_stop.IsCancellationRequested)
                {
                    held = SpareOrNew();
                    var read = await stream.ReadAtLeastAsync(held, _frameBytes, throwOnEndOfStream: false, _stop.Token).ConfigureAwait(false);
                    if (read < _frameBytes)
                        break;
                    await _frames.Writer.WriteAsync(held, _stop.Token).ConfigureAwait(false);
                    held = null;
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                failure = e;
            }
            if (held is not null)
                Recycle(held);
            _frames.Writer.TryComplete(failure);
        }

        /// <summary>Stops reading ahead and hands over the in-process decoder, still open; null if its thread did not stop.</summary>
        public Native.LibAvDecoder? DetachNative()
        {
            _stop.Cancel();
            var native = WaitForPump() ? _native : null;
            if (native is not null)
                _native = null;
            Dispose();
            return native;
        }

        /// <summary>Whether the read-ahead task ended (it was told to stop) within a few seconds.</summary>
        private bool WaitForPump()
        {
            try
            {
                return _pump.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                return true;
            }
        }

        private void PumpNative()
        {
            Exception? failure = null;
            byte[]? held = null;
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    held = SpareOrNew();
                    if (!_native!.ReadFrame(held))
                        break;
                    while (!_frames.Writer.TryWrite(held))
                        _frames.Writer.WaitToWriteAsync(_stop.Token).AsTask().GetAwaiter().GetResult();
                    held = null;
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (ScriptComposerException e)
            {
                failure = e;
            }
            if (held is not null)
                Recycle(held);
            _frames.Writer.TryComplete(failure);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _ffmpeg?.Dispose();
            // The native decoder is freed only once its thread has left it.
            if (WaitForPump())
                _native?.Dispose();
            _stop.Dispose();
            // Frames read ahead but never taken go back to the reader's pool for the next decoder.
            while (_pump.IsCompleted && _frames.Reader.TryRead(out var frame))
                Recycle(frame);
        }
    }
}
