namespace ScriptComposer.Dsl.Media;

/// <summary>
/// How a render's videos were decoded: decoders opened in this process (libavcodec), rewound in place for a loop or a jump
/// back, and ffmpeg processes started (seeks far into a file, videos not in I420, or no usable libraries).
/// </summary>
public readonly record struct DecodeCounts(int InProcess, int Rewinds, int Ffmpeg)
{
    public int Total => InProcess + Rewinds + Ffmpeg;

    public static DecodeCounts operator +(DecodeCounts a, DecodeCounts b) =>
        new(a.InProcess + b.InProcess, a.Rewinds + b.Rewinds, a.Ffmpeg + b.Ffmpeg);

    /// <summary>For <c>--verbose</c>; empty when the render read no video.</summary>
    public string Report => Total == 0
        ? ""
        : $"video decoding: {InProcess} decoder{(InProcess == 1 ? "" : "s")} in process ({Rewinds} rewound for loops or jumps back), " +
          $"{Ffmpeg} ffmpeg process{(Ffmpeg == 1 ? "" : "es")} (seeks past the first seconds, or videos not in I420)";
}
