using System.Runtime.InteropServices;

namespace ScriptComposer.Dsl.Media.Native;

/// <summary>
/// The libavformat, libavcodec, libavutil and libswscale calls that decode (and scale) a video in process (see <see cref="LibAvDecoder"/>), bound by
/// hand: the NuGet feed here serves no FFmpeg binding. The libraries are the ones ffmpeg itself runs on, found by
/// <see cref="LibAvLibraries"/>. Structures are reached only through the few fields whose offsets have not moved in the
/// supported versions; <see cref="LibAvLibraries.StreamCodecParametersOffset"/> holds the one that has.
/// </summary>
internal static unsafe partial class LibAv
{
    internal const string Format = "avformat";
    internal const string Codec = "avcodec";
    internal const string Util = "avutil";
    internal const string Scale = "swscale";

    /// <summary>SWS_BICUBIC: what sc's ffmpeg command scales with (scale=W:H:flags=bicubic).</summary>
    internal const int ScaleBicubic = 4;

    static LibAv() => LibAvLibraries.Register();

    internal const int MediaTypeVideo = 0;
    internal const int MediaTypeAudio = 1;

    /// <summary>AV_NOPTS_VALUE: no time known.</summary>
    internal const long NoTimestamp = long.MinValue;

    /// <summary>AV_TIME_BASE: AVFormatContext times are in microseconds.</summary>
    internal const int TimeBase = 1_000_000;
    internal const int PixelFormatYuv420P = 0;
    internal const int LogQuiet = -8;
    internal const int SeekBackward = 1;

    /// <summary>AVFMT_SEEK_TO_PTS: the demuxer seeks by presentation time (ffmpeg then seeks without its B-frame margin).</summary>
    internal const int SeekToPts = 0x4000000;

    /// <summary>AVERROR(EAGAIN) on Linux.</summary>
    internal const int ErrorAgain = -11;

    /// <summary>AVERROR_EOF: FFERRTAG('E','O','F',' ').</summary>
    internal const int ErrorEndOfFile = -0x20464F45;

    [LibraryImport(Format)] internal static partial uint avformat_version();
    [LibraryImport(Format)] internal static partial int avformat_open_input(nint* context, byte* url, nint format, nint* options);
    [LibraryImport(Format)] internal static partial int avformat_find_stream_info(nint context, nint* options);
    [LibraryImport(Format)] internal static partial int av_find_best_stream(nint context, int type, int wanted, int related, nint* decoder, int flags);
    [LibraryImport(Format)] internal static partial int av_read_frame(nint context, nint packet);
    [LibraryImport(Format)] internal static partial void avformat_close_input(nint* context);
    [LibraryImport(Format)] internal static partial int av_seek_frame(nint context, int stream, long timestamp, int flags);
    [LibraryImport(Format)] internal static partial int avformat_seek_file(nint context, int stream, long minimum, long timestamp, long maximum, int flags);
    [LibraryImport(Format)] internal static partial int av_fmt_ctx_get_duration_estimation_method(nint context);

    [LibraryImport(Codec)] internal static partial uint avcodec_version();
    [LibraryImport(Codec)] internal static partial nint avcodec_alloc_context3(nint codec);
    [LibraryImport(Codec)] internal static partial int avcodec_parameters_to_context(nint context, nint parameters);
    [LibraryImport(Codec)] internal static partial int avcodec_open2(nint context, nint codec, nint* options);
    [LibraryImport(Codec)] internal static partial int avcodec_send_packet(nint context, nint packet);
    [LibraryImport(Codec)] internal static partial int avcodec_receive_frame(nint context, nint frame);
    [LibraryImport(Codec)] internal static partial void avcodec_free_context(nint* context);
    [LibraryImport(Codec)] internal static partial void avcodec_flush_buffers(nint context);
    [LibraryImport(Codec)] internal static partial nint av_packet_alloc();
    [LibraryImport(Codec)] internal static partial void av_packet_free(nint* packet);
    [LibraryImport(Codec)] internal static partial void av_packet_unref(nint packet);

    [LibraryImport(Util)] internal static partial uint avutil_version();
    [LibraryImport(Util)] internal static partial nint av_frame_alloc();
    [LibraryImport(Util)] internal static partial void av_frame_free(nint* frame);
    [LibraryImport(Util)] internal static partial void av_frame_unref(nint frame);
    [LibraryImport(Util)] internal static partial int av_dict_set(nint* dictionary, byte* key, byte* value, int flags);
    [LibraryImport(Util)] internal static partial void av_dict_free(nint* dictionary);
    [LibraryImport(Util)] internal static partial int av_strerror(int error, byte* buffer, nuint size);
    [LibraryImport(Util)] internal static partial void av_log_set_level(int level);

    [LibraryImport(Scale)]
    internal static partial nint sws_getContext(int sourceWidth, int sourceHeight, int sourceFormat, int width, int height, int format, int flags, nint sourceFilter, nint filter, double* parameters);
    [LibraryImport(Scale)]
    internal static partial int sws_scale(nint context, byte** sourcePlanes, int* sourceStrides, int sliceY, int sliceHeight, byte** planes, int* strides);
    [LibraryImport(Scale)] internal static partial void sws_freeContext(nint context);

    /// <summary>FFmpeg's words for an error code.</summary>
    internal static string Describe(int error)
    {
        var buffer = stackalloc byte[256];
        return av_strerror(error, buffer, 256) == 0 ? Marshal.PtrToStringUTF8((nint)buffer) ?? $"error {error}" : $"error {error}";
    }

    // Fields read directly. These offsets are the same from FFmpeg 5 to 8 (x86-64 and arm64 alike):
    // AVFormatContext: av_class, iformat, oformat, priv_data, pb, ctx_flags, nb_streams, streams.
    internal static uint StreamCount(nint format) => *(uint*)(format + 44);

    internal static nint Stream(nint format, int index) => ((nint*)*(nint*)(format + 48))[index];

    // AVInputFormat: name, long_name, flags.
    internal static int InputFormatFlags(nint format) => *(int*)(*(nint*)(format + 8) + 16);

    // The fields that moved in libavformat 61: url, start_time, duration, found from duration's offset for the release.
    internal static string? FormatUrl(nint format) => Marshal.PtrToStringUTF8(*(nint*)(format + LibAvLibraries.FormatDurationOffset - 16));

    /// <summary>AVStream.time_base, which moved in libavformat 61.</summary>
    internal static (int Numerator, int Denominator) StreamTimeBase(nint stream) =>
        (*(int*)(stream + LibAvLibraries.StreamTimeBaseOffset), *(int*)(stream + LibAvLibraries.StreamTimeBaseOffset + 4));

    internal static long FormatDuration(nint format) => *(long*)(format + LibAvLibraries.FormatDurationOffset);

    // AVCodecParameters: codec_type, codec_id.
    internal static int CodecType(nint parameters) => *(int*)parameters;

    internal static int CodecId(nint parameters) => *(int*)(parameters + 4);

    // AVCodec: name, long_name, type, id.
    internal static int DecoderId(nint codec) => *(int*)(codec + 20);

    // AVPacket: buf, pts, dts, data, size, stream_index, flags, side_data, side_data_elems, duration.
    internal static long PacketPts(nint packet) => *(long*)(packet + 8);

    internal static long PacketDts(nint packet) => *(long*)(packet + 16);

    internal static int PacketStreamIndex(nint packet) => *(int*)(packet + 36);

    internal static long PacketDuration(nint packet) => *(long*)(packet + 64);

    /// <summary>
    /// Sends <paramref name="codec"/> the next packet of stream <paramref name="streamIndex"/> read from <paramref name="format"/>
    /// (through <paramref name="packet"/>), or, at the end of the file or a read error (a truncated file), the end of the stream
    /// so it drains what it holds, as ffmpeg does; returns true then. A damaged packet is skipped, as ffmpeg does; EAGAIN cannot
    /// happen, since the decoders receive every frame before they feed the next packet.
    /// </summary>
    internal static bool SendNextPacket(nint format, nint codec, nint packet, int streamIndex)
    {
        while (true)
        {
            if (av_read_frame(format, packet) < 0)
            {
                avcodec_send_packet(codec, 0);
                return true;
            }
            try
            {
                if (PacketStreamIndex(packet) != streamIndex)
                    continue;
                avcodec_send_packet(codec, packet);
                return false;
            }
            finally
            {
                av_packet_unref(packet);
            }
        }
    }

    // AVFrame: data[8], linesize[8], extended_data, width, height, nb_samples, format.
    internal static byte* FrameData(nint frame, int plane) => ((byte**)frame)[plane];

    internal static int FrameLineSize(nint frame, int plane) => ((int*)(frame + 64))[plane];

    internal static int FrameWidth(nint frame) => *(int*)(frame + 104);

    internal static int FrameHeight(nint frame) => *(int*)(frame + 108);

    internal static int FrameFormat(nint frame) => *(int*)(frame + 116);

    // AVFrame, on: key_frame (gone in libavutil 60), pict_type, sample_aspect_ratio, pts (8-aligned: 136 either way).
    internal static long FramePts(nint frame) => *(long*)(frame + 136);
}
