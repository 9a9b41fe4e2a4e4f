using System.Globalization;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Finds where a file's streams really end, to tell a truncated file (an interrupted download or copy, whose header at
/// the front still claims the whole length) from a whole one. ffprobe reads the packets (without decoding them) from two
/// seconds before the earliest declared end to the end of the file; a stream whose packets stop short of its declared
/// end is cut. A stream with no packet there at all has its packets read from the start. Only packets are looked at, so
/// a whole file costs a seek and a few seconds of packets.
/// </summary>
internal static class StreamEnds
{
    /// <summary>How far short of its declared end a stream's packets may stop (rounding, an encoder's last partial frame) and still count as whole.</summary>
    public const double Tolerance = 0.25;

    /// <summary>
    /// For each stream of <paramref name="streams"/> whose packets stop before its declared end, where they stop, in
    /// seconds from the stream's start; streams that reach their end, and any when ffprobe cannot tell, are left out.
    /// </summary>
    public static IReadOnlyDictionary<int, double> ShortOnes(string fullPath, IReadOnlyList<ProbedStream> streams)
    {
        var checkable = streams.Where(s => s.DeclaredEnd is not null && s.TimeBase is not null).ToList();
        if (checkable.Count == 0)
            return new Dictionary<int, double>();
        var from = Math.Max(0, checkable.Min(s => s.DeclaredEnd!.Value) - 2);
        var ends = PacketEnds(fullPath, checkable, from.ToString("0.######", CultureInfo.InvariantCulture) + "%");
        if (ends is null)
            return new Dictionary<int, double>();
        if (checkable.Any(s => !ends.ContainsKey(s.Index)) && from > 0)
        {
            // Nothing after the seek point: the stream stops earlier, or the seek went past it. Read all of it.
            var whole = PacketEnds(fullPath, checkable, null);
            if (whole is null)
                return new Dictionary<int, double>();
            foreach (var s in checkable)
                ends[s.Index] = whole.GetValueOrDefault(s.Index, s.Start);
        }
        var shortOnes = new Dictionary<int, double>();
        foreach (var s in checkable)
        {
            var end = ends.GetValueOrDefault(s.Index, s.Start);
            if (end < s.DeclaredEnd!.Value - Tolerance)
                shortOnes[s.Index] = Math.Max(0, end - s.Start);
        }
        return shortOnes;
    }

    /// <summary>The exact ffprobe arguments that list the packets from <paramref name="interval"/> (all when null); pinned by tests.</summary>
    public static IReadOnlyList<string> Arguments(string fullPath, string? interval) =>
    [
        "-v", "error",
        .. interval is null ? Array.Empty<string>() : ["-read_intervals", interval],
        "-show_entries", "packet=stream_index,pts,duration", "-print_format", "compact=p=0:nk=0",
        FfprobeReport.FileArgument(fullPath),
    ];

    /// <summary>The latest end (pts + duration, in seconds) of a packet of each stream; null when ffprobe failed.</summary>
    private static Dictionary<int, double>? PacketEnds(string fullPath, IReadOnlyList<ProbedStream> streams, string? interval)
    {
        var (code, output, _) = FfmpegTools.Run(FfmpegTools.FfprobePath, Arguments(fullPath, interval));
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
        return ends;
    }
}
