using System.Globalization;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// When each picture of a video with a variable frame rate shows (a phone's recording, a capture that dropped frames), read from
/// its packets' timestamps, so that the picture a script shows at a time is the one the file shows then, as a player and ffmpeg
/// pick it, rather than the Nth picture at N / fps, which drifts from the file's sound. Streams whose average and base rates
/// disagree are read whole. Matroska, WebM and FLV give both rates from a default frame duration, whatever the pictures do: there
/// the first <see cref="Prefix"/> pictures are read, and the whole only when those leave the rate's grid (so a recording whose frame
/// rate varies only after its first few seconds is counted by the rate). A table whose pictures all lie within half a frame of
/// N / fps is not kept: such a file is counted by the rate as before.
/// </summary>
internal static class VideoFrameTimes
{
    /// <summary>
    /// The presentation time of each picture in seconds from <paramref name="video"/>'s start, in order; null for a constant frame rate
    /// (or a file whose packets cannot be read).
    /// </summary>
    public static double[]? Read(string fullPath, ProbedStream video, FrameRate fps, string? container)
    {
        if (video.TimeBase is null)
            return null;
        if (!MayVary(video))
        {
            if (!RatesSayNothing(container))
                return null;
            var prefix = PacketTimes(fullPath, video.Index, Prefix);
            if (Times(prefix, video) is not { } first)
                return null;
            // Decode order differs from display order by a few pictures: the last ones of a prefix that stops short of the file's end may
            // still be missing. A prefix of fewer packets is the whole stream (a five-picture animation): all of it is checked.
            var whole = prefix!.Count < Prefix;
            if (OnGrid(whole ? first : first[..Math.Max(0, first.Length - 16)], fps))
                return null;
        }
        var times = Times(PacketTimes(fullPath, video.Index, int.MaxValue), video);
        return times is null || OnGrid(times, fps) ? null : times;
    }

    /// <summary>How many pictures are read first where the container's rates say nothing of the pictures.</summary>
    internal const int Prefix = 600;

    /// <summary>Containers whose streams' rates come from a default frame duration, not from the pictures.</summary>
    internal static bool RatesSayNothing(string? container) =>
        container is not null && container.Split(',').Any(name => name is "matroska" or "webm" or "flv");

    /// <summary>The pictures' times in seconds from the stream's start, in order; null for fewer than two.</summary>
    private static double[]? Times(List<long>? ticks, ProbedStream video)
    {
        if (ticks is null)
            return null;
        var times = ticks.Select(t => video.Seconds(t)!.Value - video.Start).Where(t => t > -1e-9).Order().ToArray();
        if (times.Length < 2)
            return null;
        times[0] = 0;
        return times;
    }

    /// <summary>Whether the stream's average frame rate differs from its base rate (or one is missing): the sign of a variable rate.</summary>
    internal static bool MayVary(ProbedStream video) =>
        Rate(video.AverageFrameRate) is not { } average || Rate(video.RealFrameRate) is not { } real || Math.Abs(average / real - 1) > 1e-3;

    /// <summary>Whether picture N shows within half a frame of N / fps, for every N.</summary>
    internal static bool OnGrid(IReadOnlyList<double> times, FrameRate fps)
    {
        for (var i = 0; i < times.Count; i++)
        {
            if (Math.Abs(times[i] - fps.TimeOf(i)) * fps.Numerator / fps.Denominator >= 0.5)
                return false;
        }
        return true;
    }

    private static double? Rate(string? text) =>
        ProbedStream.Rational(text) is var (numerator, denominator) && numerator > 0 && denominator > 0 ? (double)numerator / denominator : null;

    /// <summary>
    /// The presentation timestamps of the stream's first <paramref name="most"/> packets, in its time base: libavformat in process where it
    /// can, else ffprobe.
    /// </summary>
    private static List<long>? PacketTimes(string fullPath, int stream, int most)
    {
        using var file = Native.LibAvDemuxer.TryOpen(fullPath);
        if (file is not null)
        {
            var times = new List<long>();
            while (times.Count < most && file.ReadPacket(out var index, out var pts, out _, out _))
            {
                if (index == stream && pts != Native.LibAv.NoTimestamp)
                    times.Add(pts);
            }
            return times;
        }
        var (code, output, _) = FfmpegTools.Run(FfmpegTools.FfprobePath, Arguments(fullPath, stream, most == int.MaxValue ? null : most));
        if (code != 0)
            return null;
        var parsed = new List<long>();
        foreach (var line in output.AsSpan().EnumerateLines())
        {
            if (long.TryParse(line.Trim().TrimEnd(','), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pts))
                parsed.Add(pts);
        }
        return parsed;
    }

    /// <summary>The exact ffprobe arguments that list one stream's packet timestamps (the first <paramref name="most"/>, or all); pinned by tests.</summary>
    public static IReadOnlyList<string> Arguments(string fullPath, int stream, int? most = null) =>
    [
        "-v", "error", "-select_streams", stream.ToString(CultureInfo.InvariantCulture),
        .. most is { } count ? new[] { "-read_intervals", $"%+#{count.ToString(CultureInfo.InvariantCulture)}" } : [],
        "-show_entries", "packet=pts", "-of", "csv=p=0", FfprobeReport.FileArgument(fullPath),
    ];
}
