using System.Globalization;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Finds where a file's streams really end, to tell a truncated file (an interrupted download or copy, whose header at
/// the front still claims the whole length) from a whole one. libavformat (in this process, or ffprobe where it cannot be
/// used) reads the packets (without decoding them) from two seconds before the earliest declared end to the end of the
/// file; a stream whose packets stop short of its declared end is cut. A stream with no packet there at all has its packets read from the start. Only packets are looked at, so
/// a whole file costs a seek and a few seconds of packets. Where libavformat only estimated a duration, or read it from
/// the timestamps of a container that states none (MPEG-TS), the packets' end is the better length.
/// </summary>
internal static class StreamEnds
{
    /// <summary>How far short of its declared end a stream's packets may stop (rounding, an encoder's last partial frame) and still count as whole.</summary>
    public const double Tolerance = 0.25;

    /// <summary>
    /// Where the packets of each of <paramref name="streams"/> end (streams without a declared end or a time base, and all when ffprobe
    /// cannot tell, are left out), and whether the declared durations were only estimated (from the bitrate, as for an MP3 without a
    /// header that says its length) or read from the timestamps of a <paramref name="container"/> that states none: then the packets'
    /// end is the length.
    /// </summary>
    public static MeasuredEnds Measure(string fullPath, IReadOnlyList<ProbedStream> streams, string? container)
    {
        var checkable = streams.Where(s => s.DeclaredEnd is not null && s.TimeBase is not null).ToList();
        if (checkable.Count == 0)
            return Undeclared(fullPath, streams, container);
        var from = Math.Max(0, checkable.Min(s => s.DeclaredEnd!.Value) - 2);
        if (PacketEnds(fullPath, checkable, from) is not var (ends, estimated))
            return MeasuredEnds.None;
        if (checkable.Any(s => !ends.ContainsKey(s.Index)) && from > 0)
        {
            // Nothing after the seek point: the stream stops earlier, or the seek went past it. Read all of it.
            if (PacketEnds(fullPath, checkable, null) is not var (whole, _))
                return MeasuredEnds.None;
            ends = whole;
        }
        return new MeasuredEnds(
            checkable.ToDictionary(s => s.Index, s => Math.Max(0, ends.GetValueOrDefault(s.Index, s.Start) - s.Start)), estimated, DurationsFromTimestamps(container));
    }

    /// <summary>
    /// Where the packets of streams that declare no duration end, read from the start, in an FLV or an animated PNG: an FLV states
    /// none for its streams, and the file's own length there is the end on its clock (a video whose B-frames put its first picture
    /// at 0.067 s lasted 0.067 s too long); an APNG states no length at all.
    /// </summary>
    private static MeasuredEnds Undeclared(string fullPath, IReadOnlyList<ProbedStream> streams, string? container)
    {
        // Only where the file's own length is known to be the end on its clock: reading every packet of a long file costs seconds.
        if (container is null || !container.Split(',').Any(name => name is "flv" or "apng"))
            return MeasuredEnds.None;
        var timed = streams.Where(s => s.Duration is null && s.TimeBase is not null).ToList();
        if (timed.Count == 0 || PacketEnds(fullPath, timed, null) is not var (ends, estimated))
            return MeasuredEnds.None;
        return new MeasuredEnds(
            timed.Where(s => ends.ContainsKey(s.Index)).ToDictionary(s => s.Index, s => Math.Max(0, ends[s.Index] - s.Start)), estimated, DurationsFromTimestamps(container));
    }

    /// <summary>
    /// Whether libavformat reads a <paramref name="container"/>'s durations from the timestamps near its end (libavformat/demux.c,
    /// estimate_timings: "mpeg" and "mpegts", which covers .m2ts) rather than from a stated length.
    /// </summary>
    internal static bool DurationsFromTimestamps(string? container) =>
        container is not null && container.Split(',').Any(name => name is "mpeg" or "mpegts");

    /// <summary>Where <paramref name="stream"/>'s packets really end when that is short of its declared duration; null when it is whole (or unknown).</summary>
    public static double? ShortEnd(MeasuredEnds measured, ProbedStream stream) =>
        !measured.DurationEstimated && measured.Ends.TryGetValue(stream.Index, out var end) && DeclaredLength(stream) is { } declared && end < declared - Tolerance
            ? end : null;

    /// <summary>
    /// The length the file declares for the stream: its duration, or for a Matroska DURATION tag (ffmpeg's end time, mkvmerge's length)
    /// the shorter reading, the tag less the stream's start. A cut MKV keeps its tags, written near its start, so its packets end short of it.
    /// </summary>
    private static double? DeclaredLength(ProbedStream stream) =>
        stream.DurationFromTag && stream.Duration is { } tag ? Math.Max(0, tag - Math.Max(0, stream.Start)) : stream.Duration;

    /// <summary>
    /// The stream's length: as declared, or as its packets say when the declared one was only estimated. A Matroska DURATION tag
    /// (<see cref="ProbedStream.DurationFromTag"/>) is ffmpeg's end time but mkvmerge's length, and the packets' own durations are
    /// rounded to the millisecond: the shorter of the two. A duration read from an MPEG-TS's timestamps leaves out the last packets'
    /// length (0.23 s of AAC in a TS): the longer of the two, which keeps the declared one where a last packet has no duration of its own.
    /// </summary>
    public static double? Length(MeasuredEnds measured, ProbedStream stream)
    {
        if (!measured.Ends.TryGetValue(stream.Index, out var end) || end <= 0)
            return stream.Duration;
        if (measured.DurationEstimated || stream.Duration is null)
            return end;
        if (measured.DurationFromTimestamps)
            return Math.Max(end, stream.Duration ?? 0);
        return stream.DurationFromTag && stream.Duration is { } tagged && ShortEnd(measured, stream) is null ? Math.Min(end, tagged) : stream.Duration;
    }

    /// <summary>The exact ffprobe arguments that list the packets from <paramref name="interval"/> (all when null); pinned by tests.</summary>
    public static IReadOnlyList<string> Arguments(string fullPath, string? interval) =>
    [
        "-v", "warning",
        .. interval is null ? Array.Empty<string>() : ["-read_intervals", interval],
        "-show_entries", "packet=stream_index,pts,dts,duration", "-print_format", "compact=p=0:nk=0",
        FfprobeReport.FileArgument(fullPath),
    ];

    /// <summary>libavformat's warning when a duration comes from the bitrate (libavformat/demux.c, the same since FFmpeg 1).</summary>
    private const string EstimateWarning = "Estimating duration from bitrate";

    /// <summary>
    /// The latest end (pts + duration, in seconds) of a packet of each stream from <paramref name="from"/> seconds (from the
    /// start when null), and whether the durations were estimated; null when the file could not be read there. A packet with a
    /// decoding time but no presentation time counts too (<see cref="PacketEndsByStream"/>). libavformat reads the packets in
    /// this process when it can (<see cref="Native.LibAvDemuxer"/>), ffprobe otherwise.
    /// </summary>
    internal static (Dictionary<int, double> Ends, bool Estimated)? PacketEnds(string fullPath, IReadOnlyList<ProbedStream> streams, double? from)
    {
        using var file = Native.LibAvDemuxer.TryOpen(fullPath);
        if (file is null)
            return PacketEndsWithFfprobe(fullPath, streams, from);
        if (from is { } seconds && !file.Seek(seconds))
            return null;
        var ends = new PacketEndsByStream(streams);
        while (file.ReadPacket(out var index, out var pts, out var dts, out var duration))
            ends.Add(index, pts == Native.LibAv.NoTimestamp ? null : pts, dts == Native.LibAv.NoTimestamp ? null : dts, duration);
        return (ends.Ends, file.DurationEstimated);
    }

    /// <summary><see cref="PacketEnds"/> as ffprobe reads them.</summary>
    internal static (Dictionary<int, double> Ends, bool Estimated)? PacketEndsWithFfprobe(string fullPath, IReadOnlyList<ProbedStream> streams, double? from)
    {
        var interval = from is { } start ? start.ToString("0.######", CultureInfo.InvariantCulture) + "%" : null;
        var (code, output, errors) = FfmpegTools.Run(FfmpegTools.FfprobePath, Arguments(fullPath, interval));
        if (code != 0)
            return null;
        var ends = new PacketEndsByStream(streams);
        foreach (var line in output.AsSpan().EnumerateLines())
        {
            int? index = null;
            long? pts = null, dts = null;
            long duration = 0;
            foreach (var range in line.Split('|'))
            {
                var field = line[range];
                var equals = field.IndexOf('=');
                if (equals < 0)
                    continue;
                var name = field[..equals];
                if (!long.TryParse(field[(equals + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                    continue;
                if (name.SequenceEqual("stream_index")) index = (int)number;
                else if (name.SequenceEqual("pts")) pts = number;
                else if (name.SequenceEqual("dts")) dts = number;
                else if (name.SequenceEqual("duration")) duration = number;
            }
            if (index is { } i)
                ends.Add(i, pts, dts, duration);
        }
        return (ends.Ends, errors.Contains(EstimateWarning, StringComparison.Ordinal));
    }

    /// <summary>
    /// The latest packet end of each stream of a set, in seconds. Where packets have no presentation time, their decoding time
    /// tells when they show: an MPEG program stream (.mpg, .vob) need give one only every 0.7 s, and most of its video packets have
    /// none, often the last ones (a 4 s MPEG-1 file ended 0.04 s early, an MPEG-2 one 0.28 s early). The pictures show in the
    /// order of their decoding times, as many pictures later as the decoder holds back (<see cref="ProbedStream.ReorderDelay"/>),
    /// so the last one ends that much after the last decoding time and its duration. Where no packet shows later than it is
    /// decoded (an AVI's packets have decoding times only, or equal ones), the decoding times are the showing times. A stream
    /// whose every packet has a presentation time ends where they say, as before.
    /// </summary>
    private sealed class PacketEndsByStream(IReadOnlyList<ProbedStream> streams)
    {
        private readonly Dictionary<int, ProbedStream> _byIndex = streams.ToDictionary(s => s.Index);
        private readonly Dictionary<int, Timestamps> _seen = [];

        public Dictionary<int, double> Ends { get; } = [];

        public void Add(int index, long? pts, long? dts, long duration)
        {
            if (!_byIndex.TryGetValue(index, out var stream) || (pts ?? dts) is null)
                return;
            var seen = _seen.TryGetValue(index, out var known) ? known : _seen[index] = new Timestamps();
            duration = Math.Max(0, duration);
            if (pts is { } shown)
                seen.PtsEnd = Math.Max(seen.PtsEnd ?? long.MinValue, shown + duration);
            if (dts is { } decoded && decoded + duration >= (seen.DtsEnd ?? long.MinValue))
                (seen.DtsEnd, seen.FrameDuration) = (decoded + duration, duration);
            seen.Untimed |= pts is null;
            seen.Reordered |= pts is not null && dts is not null && pts != dts;
            var end = seen.PtsEnd ?? long.MinValue;
            if (seen.Untimed && seen.DtsEnd is { } decodedEnd)
                end = Math.Max(end, decodedEnd + (seen.Reordered ? stream.ReorderDelay * seen.FrameDuration : 0));
            if (end != long.MinValue && stream.Seconds(end) is { } seconds)
                Ends[index] = seconds;
        }

        private sealed class Timestamps
        {
            public long? PtsEnd;
            public long? DtsEnd;
            public long FrameDuration;
            public bool Untimed;
            public bool Reordered;
        }
    }
}
