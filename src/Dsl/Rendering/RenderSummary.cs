using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>
/// What a finished render produced; <paramref name="PlanarFrames"/> of its frames were mixed in Y'CbCr (the fast path for
/// video), and <paramref name="Decoding"/> says how its videos were decoded.
/// </summary>
public sealed record RenderSummary(string Path, long Frames, double VideoSeconds, TimeSpan Elapsed, long Bytes, long PlanarFrames = 0,
    DecodeCounts Decoding = default)
{
    /// <summary>Whether the frames went nowhere (<c>-o null</c>).</summary>
    public bool IsNull { get; init; }

    /// <summary>
    /// Whether <see cref="Elapsed"/> is only the join of chunks rendered before (<c>sc join</c>): the line then says so and gives no
    /// frames per second, which would be the join's, not the render's.
    /// </summary>
    public bool JoinOnly { get; init; }

    /// <summary>How many frames were the frame before them again (an equal plan), copied instead of drawn.</summary>
    public long RepeatedFrames { get; init; }

    /// <summary>How many frames were drawn only where they changed, over a copy of the frame before them.</summary>
    public long PartialFrames { get; init; }

    /// <summary>How many times a script's <c>Map</c> ran, and on which backend (on a GPU each is a download and an upload).</summary>
    public long MappedFrames { get; init; }

    public string Backend { get; init; } = "";

    /// <summary>How many frames went through RGBA for each reason the planner gave.</summary>
    public IReadOnlyDictionary<Planning.PlanarRefusal, long> RgbaBecause { get; init; } = new Dictionary<Planning.PlanarRefusal, long>();

    /// <summary>For <c>--verbose</c>: how many frames took the planar path, why the others did not, and how many were repeats.</summary>
    public string PlanarReport
    {
        get
        {
            var report = PlanarFrames == Frames
                ? $"{Frames} of {Frames} frames mixed in Y'CbCr (video copied or mixed in the decoders' format)"
                : $"{PlanarFrames} of {Frames} frames mixed in Y'CbCr; the others went through RGBA: " +
                  string.Join("; ", RgbaBecause.OrderByDescending(r => r.Value).Select(r => $"{r.Value} because {Planning.FramePlan.Describe(r.Key)}"));
            if (RepeatedFrames > 0)
                report += $". {RepeatedFrames} frames repeated the frame before them and were copied";
            if (PartialFrames > 0)
                report += $". {PartialFrames} frames were drawn only where they changed";
            if (MappedFrames > 0)
                report += Backend.StartsWith("cpu", StringComparison.OrdinalIgnoreCase)
                    ? $". Map ran {MappedFrames} times, in C# on the CPU"
                    : $". Map ran {MappedFrames} times, in C# on the CPU: each frame was downloaded from the {Backend} device, mapped and uploaded again";
            return report;
        }
    }

    public double FramesPerSecond => Elapsed.TotalSeconds > 0 ? Frames / Elapsed.TotalSeconds : 0;

    public override string ToString() => IsNull
        ? $"Rendered {Frames} frames ({VideoSeconds:0.###} s of video) in {Elapsed.TotalSeconds:0.00} s, {FramesPerSecond:0.0} frames/s; null output, nothing written"
        : Frames == 0
        ? $"Wrote {Path}: {VideoSeconds:0.###} s of sound in {Elapsed.TotalSeconds:0.00} s, {FormatBytes(Bytes)}"
        : JoinOnly
        ? $"Wrote {Path}: {Frames} frames ({VideoSeconds:0.###} s of video), joined from its chunks in {Elapsed.TotalSeconds:0.00} s (the join alone), {FormatBytes(Bytes)}"
        : $"Wrote {Path}: {Frames} frames ({VideoSeconds:0.###} s of video) in {Elapsed.TotalSeconds:0.00} s, {FramesPerSecond:0.0} frames/s, {FormatBytes(Bytes)}";

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1 << 30 => $"{bytes / (double)(1 << 30):0.0} GiB",
        >= 1 << 20 => $"{bytes / (double)(1 << 20):0.0} MiB",
        >= 1 << 10 => $"{bytes / (double)(1 << 10):0.0} KiB",
        _ => $"{bytes} B",
    };
}
