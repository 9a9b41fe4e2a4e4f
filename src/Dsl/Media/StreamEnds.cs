using System.Globalization;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Finds where a file's streams really end, to tell a truncated file (an interrupted download or copy, whose header at
/// the front still claims the whole length) from a whole one. ffprobe reads the packets (without decoding them) from two
/// seconds before the earliest declared end to the end of the file; a stream whose packets stop short of its declared
/// end is cut. A stream with no packet there at all has its packets read from the start. Only packets are looked at, so
/// a whole file costs a seek and a few seconds of packets. Where libavformat only estimated a duration, the packets'
/// end is the better length.
/// </summary>
internal static class StreamEnds
{
    /// <summary>How far short of its declared end a stream's packets may stop (rounding, an encoder's last partial frame) and still count as whole.</summary>
    public const double Tolerance = 0.25;

    /// <summary>
    /// Where the packets of each of <paramref name="streams"/> end, in seconds from the stream's start (streams without
    /// a declared end or a time base, and all when ffprobe cannot tell, are left out), and whether libavformat only
    /// estimated the declared durations (from the bitrate, as for an MP3 without a header that says its length): then
    /// the packets' end is the length, not a sign that the file was cut.
    /// </summary>
    public static (IReadOnlyDictionary<int, double> Ends, bool DurationEstimated) Measure(string fullPath, IReadOnlyList<ProbedStream> streams)
    {
        var checkable = streams.Where(s => s.DeclaredEnd is not null && s.TimeBase is not null).ToList();
        if (checkable.Count == 0)
            return (new Dictionary<int, double>(), false);
        var from = Math.Max(0, checkable.Min(s => s.DeclaredEnd!.Value) - 2);
        if (PacketEnds(fullPath, checkable, from.ToString("0.######", CultureInfo.InvariantCulture) + "%") is not var (ends, estimated))
            return (new Dictionary<int, double>(), false);
        if (checkable.Any(s => !ends.ContainsKey(s.Index)) && from > 0)
        {
            // Nothing after the seek point: the stream stops earlier, or the seek went past it. Read all of it.
            if (PacketEnds(fullPath, checkable, null) is not var (whole, _))
                return (new Dictionary<int, double>(), false);
            ends = whole;
        }
        return (checkable.ToDictionary(s => s.Index, s => Math.Max(0, ends.GetValueOrDefault(s.Index, s.Start) - s.Start)), estimated);
    }

    /// <summary>Where <paramref name="stream"/>'s packets really end when that is short of its declared duration; null when it is whole (or unknown).</summary>
    public static double? ShortEnd((IReadOnlyDictionary<int, double> Ends, bool DurationEstimated) measured, ProbedStream stream) =>
        !measured.DurationEstimated && measured.Ends.TryGetValue(stream.Index, out var end) && stream.Duration is { } declared && end < declared - Tolerance
            ? end : null;

    /// <summary>The stream's length: as declared, or as its packets say when the declared one was only estimated.</summary>
    public static double? Length((IReadOnlyDictionary<int, double> Ends, bool DurationEstimated) measured, ProbedStream stream) =>
        measured.DurationEstimated && measured.Ends.TryGetValue(stream.Index, out var end) && end > 0 ? end : stream.Duration;

    /// <summary>The exact ffprobe arguments that list the packets from <paramref name="interval"/> (all when null); pinned by tests.</summary>
    public static IReadOnlyList<string> Arguments(string fullPath, string? interval) =>
    [
        "-v", "warning",
        .. interval is null ? Array.Empty<string>() : ["-read_intervals", interval],
        "-show_entries", "packet=stream_index,pts,duration", "-print_format", "compact=p=0:nk=0",
        FfprobeReport.FileArgument(fullPath),
    ];

    /// <summary>libavformat's warning when a duration comes from the bitrate (libavformat/demux.c, the same since FFmpeg 1).</summary>
    private const string EstimateWarning = "Estimating duration from bitrate";

    /// <summary>The latest end (pts + duration, in seconds) of a packet of each stream, and whether the durations were estimated; null when ffprobe failed.</summary>
    private static (Dictionary<int, double> Ends, bool Estimated)? PacketEnds(string fullPath, IReadOnlyList<ProbedStream> streams, string? interval)
    {
        var (code, output, errors) = FfmpegTools.Run(FfmpegTools.FfprobePath, Arguments(fullPath, interval));
        if (code != 0)
            return null;
        var byIndex = streams.ToDictionary(s => s.Index);
        var ends = new Dictionary<int, double>();
        foreach (var line in output.AsSpan().EnumerateLines())
        {
            int? index = null;
            long? pts = null;
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
                else if (name.SequenceEqual("duration")) duration = Math.Max(0, number);
            }
            if (index is { } i && pts is { } p && byIndex.TryGetValue(i, out var stream) && stream.Seconds(p + duration) is { } end)
                ends[i] = Math.Max(ends.GetValueOrDefault(i, double.NegativeInfinity), end);
        }
        return (ends, errors.Contains(EstimateWarning, StringComparison.Ordinal));
    }
}
