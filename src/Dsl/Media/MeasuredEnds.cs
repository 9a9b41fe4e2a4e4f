namespace ScriptComposer.Dsl.Media;

/// <summary>
/// What <see cref="StreamEnds.Measure"/> found: where the packets of each stream end, in seconds from the stream's start, and how far
/// the declared durations can be trusted against them.
/// </summary>
/// <param name="Ends">The packets' end of each measured stream.</param>
/// <param name="DurationEstimated">
/// libavformat only estimated the declared durations from the bitrate: the packets' end is the length, not a sign that the file was cut.
/// </param>
/// <param name="DurationFromTimestamps">
/// The container states no duration (MPEG-TS, MPEG-PS), so libavformat takes the last timestamps it finds near the file's end: that leaves out
/// the last packet's own length, and where a packet holds several frames (AAC or AC-3 in a TS) several frames. The packets' end is the length.
/// </param>
internal sealed record MeasuredEnds(IReadOnlyDictionary<int, double> Ends, bool DurationEstimated, bool DurationFromTimestamps)
{
    public static MeasuredEnds None { get; } = new(new Dictionary<int, double>(), false, false);
}
