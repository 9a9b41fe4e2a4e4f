using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>
/// What a finished render produced; <paramref name="PlanarFrames"/> of its frames were mixed in Y'CbCr (the fast path for
/// video), and <paramref name="Decoding"/> says how its videos were decoded.
/// </summary>
public sealed record RenderSummary(string Path, long Frames, double VideoSeconds, TimeSpan Elapsed, long Bytes, long PlanarFrames = 0,
    DecodeCounts Decoding = default)
{
    /// <summary>For <c>--verbose</c>: how many frames took the planar path, and what sends the others through RGBA.</summary>
    public string PlanarReport => PlanarFrames == Frames
        ? $"{Frames} of {Frames} frames mixed in Y'CbCr (video copied or mixed in the decoders' format)"
        : $"{PlanarFrames} of {Frames} frames mixed in Y'CbCr; the others went through RGBA (frames without video, masks, blend modes, " +
          "odd sizes or positions, pictures over more than a quarter of the frame, or a non-yuv420p output)";

    public double FramesPerSecond => Elapsed.TotalSeconds > 0 ? Frames / Elapsed.TotalSeconds : 0;

    public override string ToString() => Frames == 0
        ? $"Wrote {Path}: {VideoSeconds:0.###} s of sound in {Elapsed.TotalSeconds:0.00} s, {FormatBytes(Bytes)}"
        : $"Wrote {Path}: {Frames} frames ({VideoSeconds:0.###} s of video) in {Elapsed.TotalSeconds:0.00} s, {FramesPerSecond:0.0} frames/s, {FormatBytes(Bytes)}";

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1 << 30 => $"{bytes / (double)(1 << 30):0.0} GiB",
        >= 1 << 20 => $"{bytes / (double)(1 << 20):0.0} MiB",
        >= 1 << 10 => $"{bytes / (double)(1 << 10):0.0} KiB",
        _ => $"{bytes} B",
    };
}
