namespace ScriptComposer.Dsl.Media;

/// <summary>
/// How a render's videos were decoded: decoders opened in this process (libavcodec) from the start, rewound in place for a
/// loop or a jump back, seeked in this process to a frame further in, and ffmpeg processes started (videos not in I420, no
/// usable libraries, or a file that does not seek).
/// </summary>
public readonly record struct DecodeCounts(int InProcess, int Rewinds, int Ffmpeg, int Seeks = 0)
{
    public int Total => InProcess + Rewinds + Ffmpeg + Seeks;

    public static DecodeCounts operator +(DecodeCounts a, DecodeCounts b) =>
        new(a.InProcess + b.InProcess, a.Rewinds + b.Rewinds, a.Ffmpeg + b.Ffmpeg, a.Seeks + b.Seeks);

    /// <summary>For <c>--verbose</c>; empty when the render read no video.</summary>
    public string Report => Total == 0
        ? ""
        : $"video decoding: {InProcess} decoder{(InProcess == 1 ? "" : "s")} in process ({Rewinds} rewound for loops or jumps back, " +
          $"{Seeks} seek{(Seeks == 1 ? "" : "s")} further in), {Ffmpeg} ffmpeg process{(Ffmpeg == 1 ? "" : "es")} (videos not in I420, or files that do not seek)";
}
