using System.Text;

namespace ScriptComposer.Dsl.Media.Native;

/// <summary>
/// A file opened with libavformat to read its packets without decoding them: what ffprobe does for the checks sc makes
/// of a file (its packets counted, its streams' real ends), in this process, without starting ffprobe, which loads some two
/// hundred libraries (~0.07 s each time). The file is opened and its streams probed as ffprobe opens it. Not thread-safe.
/// </summary>
internal sealed unsafe class LibAvDemuxer : IDisposable
{
    /// <summary>AVFMT_DURATION_FROM_BITRATE.</summary>
    private const int DurationFromBitrate = 2;

    private nint _format;
    private nint _packet;
    private readonly int[] _types;

    private LibAvDemuxer(nint format, int[] types)
    {
        _format = format;
        _types = types;
        _packet = LibAv.av_packet_alloc();
    }

    /// <summary>
    /// The file at <paramref name="path"/>, or null when this cannot read it: no usable libraries, a file that does not
    /// open or whose streams cannot be probed (ffprobe then reads it, and says what is wrong in its own words), or a
    /// context whose fields are not where this release should have them.
    /// </summary>
    public static LibAvDemuxer? TryOpen(string path)
    {
        if (!LibAvLibraries.Available)
            return null;
        var fullPath = Path.GetFullPath(path);
        nint format = 0;
        var url = Encoding.UTF8.GetBytes(fullPath + "\0");
        fixed (byte* pointer = url)
        {
            if (LibAv.avformat_open_input(&format, pointer, 0, null) < 0)
                return null;
        }
        if (LibAv.avformat_find_stream_info(format, null) < 0 || LibAv.FormatUrl(format) != fullPath)
        {
            LibAv.avformat_close_input(&format);
            return null;
        }
        var types = new int[LibAv.StreamCount(format)];
        for (var i = 0; i < types.Length; i++)
        {
            var parameters = *(nint*)(LibAv.Stream(format, i) + LibAvLibraries.StreamCodecParametersOffset);
            types[i] = parameters == 0 ? -1 : LibAv.CodecType(parameters);
        }
        return new LibAvDemuxer(format, types);
    }

    /// <summary>The number of streams the file's header lists.</summary>
    public int StreamCount => _types.Length;

    /// <summary>The media type (<see cref="LibAv.MediaTypeVideo"/>, <see cref="LibAv.MediaTypeAudio"/>, …) of stream <paramref name="index"/>.</summary>
    public int StreamType(int index) => _types[index];

    /// <summary>The file's duration in seconds, as ffprobe's <c>format=duration</c> gives it; null when unknown.</summary>
    public double? Duration => LibAv.FormatDuration(_format) is var duration && duration != LibAv.NoTimestamp ? duration / (double)LibAv.TimeBase : null;

    /// <summary>Whether libavformat only estimated the durations from the bitrate (it warns "Estimating duration from bitrate").</summary>
    public bool DurationEstimated => LibAv.av_fmt_ctx_get_duration_estimation_method(_format) == DurationFromBitrate;

    /// <summary>Seeks to <paramref name="seconds"/> as <c>ffprobe -read_intervals SECONDS%</c> does; false when the file cannot seek there.</summary>
    public bool Seek(double seconds) =>
        LibAv.avformat_seek_file(_format, -1, long.MinValue + 1, (long)Math.Round(seconds * LibAv.TimeBase), long.MaxValue, 0) >= 0;

    /// <summary>
    /// The next packet's stream, presentation and decoding timestamps and duration (in its stream's time base; a timestamp is
    /// <see cref="LibAv.NoTimestamp"/> when it has none); false at the end of the file or where it stops being readable.
    /// </summary>
    public bool ReadPacket(out int stream, out long pts, out long dts, out long duration)
    {
        ObjectDisposedException.ThrowIf(_format == 0, this);
        if (LibAv.av_read_frame(_format, _packet) < 0)
        {
            (stream, pts, dts, duration) = (-1, LibAv.NoTimestamp, LibAv.NoTimestamp, 0);
            return false;
        }
        (stream, pts, dts, duration) = (LibAv.PacketStreamIndex(_packet), LibAv.PacketPts(_packet), LibAv.PacketDts(_packet), LibAv.PacketDuration(_packet));
        LibAv.av_packet_unref(_packet);
        return true;
    }

    public void Dispose()
    {
        if (_packet != 0)
            fixed (nint* packet = &_packet) LibAv.av_packet_free(packet);
        if (_format != 0)
            fixed (nint* format = &_format) LibAv.avformat_close_input(format);
    }
}
