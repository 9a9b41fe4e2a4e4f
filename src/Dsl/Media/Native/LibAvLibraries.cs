using System.Reflection;
using System.Runtime.InteropServices;

namespace ScriptComposer.Dsl.Media.Native;

/// <summary>
/// Finds a matching set of FFmpeg's libraries (libavformat, libavcodec, libavutil and libswscale of one release) for
/// <see cref="LibAv"/>. Only releases whose AVStream layout is known are used: FFmpeg 5.x (libavformat 59) and
/// 7.x and 8.x (61, 62); anything else (no libraries, <c>SC_IN_PROCESS_DECODE=0</c>, or <c>SC_FFMPEG_DIR</c> naming
/// another ffmpeg) leaves decoding to ffmpeg processes. Loading never throws; the reason is kept for <c>sc doctor</c>.
/// </summary>
internal static class LibAvLibraries
{
    /// <summary>
    /// libavformat major → (libavcodec, libavutil, libswscale majors, offsets of AVStream.codecpar and AVStream.time_base,
    /// offset of AVFormatContext.duration).
    /// </summary>
    private static readonly (int Format, int Codec, int Util, int Scale, int CodecParametersOffset, int TimeBaseOffset, int DurationOffset)[] Releases =
    [
        // AVStream from 61 on: av_class, index, id, codecpar, priv_data, time_base. AVFormatContext from 61 on:
        // nb_stream_groups and stream_groups after streams, nb_chapters and chapters moved before url; then url,
        // start_time, duration.
        (62, 62, 60, 9, 16, 32, 104),
        (61, 61, 59, 8, 16, 32, 104),
        // FFmpeg 5.x: index, id, priv_data, time_base, start_time, duration, nb_frames, disposition, discard,
        // sample_aspect_ratio, metadata, avg_frame_rate, attached_pic (an AVPacket, 104 bytes), side_data, nb_side_data,
        // event_flags, r_frame_rate, then codecpar. AVFormatContext: streams, then url, start_time, duration.
        (59, 59, 57, 6, 208, 16, 72),
    ];

    private static readonly Lock Gate = new();
    private static readonly Lock RegisterGate = new();
    private static bool _registered;
    private static State? _state;

    private sealed record State(nint Format, nint Codec, nint Util, nint Scale, int CodecParametersOffset, int TimeBaseOffset, int DurationOffset, string? Failure, string? Description);

    /// <summary>Whether in-process decoding can be used; <see cref="Failure"/> says why not.</summary>
    public static bool Available => Load().Failure is null;

    public static string? Failure => Load().Failure;

    /// <summary>"libavformat.so.59 (59.27.100)", for <c>sc doctor</c>.</summary>
    public static string? Description => Load().Description;

    public static int StreamCodecParametersOffset => Load().CodecParametersOffset;

    /// <summary>The offset of AVStream.time_base.</summary>
    public static int StreamTimeBaseOffset => Load().TimeBaseOffset;

    /// <summary>The offset of AVFormatContext.duration (url and start_time are the two fields before it).</summary>
    public static int FormatDurationOffset => Load().DurationOffset;

    internal static void Register()
    {
        lock (RegisterGate)
        {
            if (_registered)
                return;
            NativeLibrary.SetDllImportResolver(typeof(LibAvLibraries).Assembly, Resolve);
            _registered = true;
        }
    }

    private static State Load()
    {
        lock (Gate)
            return _state ??= LoadCore();
    }

    private static State LoadCore()
    {
        if (!FfmpegTools.Settings.InProcessDecode)
            return Failed("turned off by SC_IN_PROCESS_DECODE=0");
        if (!OperatingSystem.IsLinux())
            return Failed("only on Linux");
        // The libraries found here are the system's; a user who points sc at another ffmpeg gets that one throughout.
        if (FfmpegTools.BinaryFolder is { } folder)
            return Failed($"SC_FFMPEG_DIR names another ffmpeg ({folder}), which decodes instead");
        foreach (var (format, codec, util, scale, offset, timeBaseOffset, durationOffset) in Releases)
        {
            if (!NativeLibrary.TryLoad($"libavformat.so.{format}", out var formatHandle))
                continue;
            if (!NativeLibrary.TryLoad($"libavcodec.so.{codec}", out var codecHandle) || !NativeLibrary.TryLoad($"libavutil.so.{util}", out var utilHandle)
                || !NativeLibrary.TryLoad($"libswscale.so.{scale}", out var scaleHandle))
                return Failed($"libavformat.so.{format} is there but not libavcodec.so.{codec}, libavutil.so.{util} and libswscale.so.{scale} of the same release");
            // The resolver hands these to the bindings from here on.
            var state = new State(formatHandle, codecHandle, utilHandle, scaleHandle, offset, timeBaseOffset, durationOffset, null, null);
            _state = state;
            var version = LibAv.avformat_version();
            if (version >> 16 != format || LibAv.avcodec_version() >> 16 != codec || LibAv.avutil_version() >> 16 != util)
                return Failed($"libavformat.so.{format} reports version {version >> 16}");
            LibAv.av_log_set_level(LibAv.LogQuiet);
            return state with { Description = $"libavformat.so.{format} ({version >> 16}.{(version >> 8) & 0xff}.{version & 0xff})" };
        }
        return Failed($"no FFmpeg 5, 7 or 8 libraries (libavformat.so.{string.Join("/", Releases.Select(r => r.Format))})");
    }

    private static State Failed(string why) => new(0, 0, 0, 0, 0, 0, 0, why, null);

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var state = _state;
        if (state is null)
            return 0;
        return libraryName switch
        {
            LibAv.Format => state.Format,
            LibAv.Codec => state.Codec,
            LibAv.Util => state.Util,
            LibAv.Scale => state.Scale,
            _ => 0,
        };
    }
}
