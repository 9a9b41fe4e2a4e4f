using System.Globalization;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// When each picture of a video with a variable frame rate shows (a phone's recording, a capture that dropped frames), read from
/// its packets' timestamps, so that the picture a script shows at a time is the one the file shows then, as a player and ffmpeg
/// pick it, rather than the Nth picture at N / fps, which drifts from the file's sound. Only streams whose average and base
/// rates disagree are read (a constant-rate file costs nothing), and a table whose pictures all lie within half a frame of
/// N / fps is not kept: such a file is counted by the rate as before.
/// </summary>
internal static class VideoFrameTimes
{
    /// <summary>
    /// The presentation time of each picture in seconds from <paramref name="video"/>'s start, in order; null for a constant frame rate
    /// (or a file whose packets cannot be read).
    /// </summary>
    public static double[]? Read(string fullPath, ProbedStream video, FrameRate fps)
    {
        if (!MayVary(video) || video.TimeBase is null)
            return null;
        var ticks = PacketTimes(fullPath, video.Index);
        if (ticks is null)
            return null;
        var times = ticks.Select(t => video.Seconds(t)!.Value - video.Start).Where(t => t > -1e-9).Order().ToArray();
        if (times.Length < 2)
            return null;
        times[0] = 0;
        return OnGrid(times, fps) ? null : times;
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

    /// <summary>The presentation timestamps of the stream's packets, in its time base: libavformat in process where it can, else ffprobe.</summary>
    private static List<long>? PacketTimes(string fullPath, int stream)
    {
        using var file = Native.LibAvDemuxer.TryOpen(fullPath);
        if (file is not null)
        {
            var times = new List<long>();
            while (file.ReadPacket(out var index, out var pts, out _))
            {
                if (index == stream && pts != Native.LibAv.NoTimestamp)
                    times.Add(pts);
            }
            return times;
        }
        var (code, output, _) = FfmpegTools.Run(FfmpegTools.FfprobePath, Arguments(fullPath, stream));
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

    /// <summary>The exact ffprobe arguments that list one stream's packet timestamps; pinned by tests.</summary>
    public static IReadOnlyList<string> Arguments(string fullPath, int stream) =>
    [
        "-v", "error", "-select_streams", stream.ToString(CultureInfo.InvariantCulture), "-show_entries", "packet=pts", "-of", "csv=p=0",
        FfprobeReport.FileArgument(fullPath),
    ];
}
