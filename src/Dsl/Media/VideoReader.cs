using System.Globalization;
using System.Threading.Channels;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Decodes one video file into I420 (or, for sources with alpha, RGBA) frames at a chosen size, reading ahead on a
/// background task through a small bounded queue. Frames are asked for by source index; reading goes forward, and a
/// backward or far jump restarts ffmpeg with <c>-ss</c> at the wanted frame. Reading an I420 video from near its start,
/// the most common case, decodes (and scales) in this process instead (<see cref="Native.LibAvDecoder"/>). Past the last
/// frame, the last frame is repeated.
/// </summary>
public sealed class VideoReader : IDisposable
{
    private const int QueueDepth = 3;
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

    public VideoReader(MediaInfo media, int width, int height)
    {
        _media = media;
        _width = width;
        _height = height;
        _frameBytes = FrameBytes(media, width, height);
        _current = new byte[_frameBytes];
        _farJump = Math.Max(2, 2L * media.FrameRate.Numerator / media.FrameRate.Denominator);
    }

    /// <summary>
    /// Whether frames come as I420 (the backend converts them: 1.5 bytes a pixel through the pipe and no conversion in
    /// ffmpeg) or, for sources with alpha, as straight RGBA.
    /// </summary>
    public bool DecodesI420 => DecodesAsI420(_media);

    private static bool DecodesAsI420(MediaInfo media) => !media.HasAlpha;

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
    public ReadOnlyMemory<byte> ReadFrameMemory(long index)
    {
        index = Math.Max(0, index);
        if (index == _currentIndex)
            return _current;
        if (_decoder is null || index < _decoder.NextIndex || index > _decoder.NextIndex + _farJump)
            Restart(index);
        while (_decoder!.NextIndex <= index)
        {
            var frame = _decoder.Take();
            if (frame is null)
                break;
            _decoder.Recycle(_current);
            _current = frame;
            _currentIndex = _decoder.NextIndex - 1;
        }
        if (_currentIndex < 0)
            throw new ScriptComposerException(_decoder.InProcess
                ? $"No frame of '{_media.Path}' could be decoded. Check that the file is complete (ffmpeg -v error -i FILE -f null - shows what is wrong with it)."
                : $"ffmpeg produced no frames from '{_media.Path}'. ffmpeg said:\n{_decoder.StderrTail}");
        if (_currentIndex != index)
            _currentIndex = index;
        return _current;
    }

    /// <summary>The exact ffmpeg arguments to decode from frame <paramref name="startIndex"/> to <paramref name="output"/> (an ffmpeg URL); pinned by tests.</summary>
    public static IReadOnlyList<string> BuildArguments(MediaInfo media, int width, int height, long startIndex, string output = "pipe:1")
    {
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin" };
        if (startIndex > 0)
        {
            // Half a frame early, so the first frame at or after the seek point is the wanted one despite rounding.
            var seconds = Math.Max(0, (startIndex - 0.5) * media.FrameRate.Denominator / media.FrameRate.Numerator);
            args.AddRange(["-ss", seconds.ToString("0.######", CultureInfo.InvariantCulture)]);
        }
        args.AddRange(["-i", media.Path, "-map", "0:v:0", "-an", "-sn", "-dn"]);
        if (width != media.Width || height != media.Height)
            args.AddRange(["-vf", $"scale={width}:{height}:flags=bicubic"]);
        args.AddRange(["-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", DecodesAsI420(media) ? "yuv420p" : "rgba", output]);
        return args;
    }

    public void Dispose()
    {
        _decoder?.Dispose();
        _decoder = null;
    }

    /// <summary>Whether the last (re)start decodes in this process (libavcodec) rather than in an ffmpeg process; for tests.</summary>
    internal bool DecodesInProcess => _decoder?.InProcess ?? false;

    private void Restart(long index)
    {
        var nearStart = index <= _farJump;
        // A loop or a jump back to near the start rewinds the in-process decoder instead of opening the file again.
        if (nearStart && _decoder is { InProcess: true } current)
        {
            _decoder = null;
            if (current.DetachNative() is { } rewound)
            {
                try
                {
                    rewound.Rewind();
                }
                catch
                {
                    rewound.Dispose();
                    throw;
                }
                _decoder = new Decoder(rewound, _frameBytes, _spare);
                Decoding += new DecodeCounts(0, 1, 0);
                return;
            }
        }
        _decoder?.Dispose();
        _decoder = null;
        // An I420 video is decoded (and scaled) here (no ffmpeg process to start, no socket to copy through) when the
        // frame is near its start: decoding up to it costs no more than ffmpeg's own seek would (a faded-in clip's first
        // visible frame is its second, and most files have a keyframe only every few seconds).
        if (nearStart && Native.LibAvDecoder.TryOpen(_media, _width, _height) is { } native)
        {
            _decoder = new Decoder(native, _frameBytes, _spare);
            Decoding += new DecodeCounts(1, 0, 0);
            return;
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
            NextIndex = firstIndex;
            _pump = Task.Run(Pump);
        }

        public Decoder(Native.LibAvDecoder native, int frameBytes, Channel<byte[]> spare)
        {
            _spare = spare;
            _native = native;
            _frameBytes = frameBytes;
            // Decoding is CPU work in native code that blocks its thread: a thread of its own, not the pool's.
            _pump = Task.Factory.StartNew(PumpNative, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public long NextIndex { get; private set; }

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
