namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Where sc finds ffmpeg and ffprobe and whether it decodes with ffmpeg's libraries in process; the host reads them from
/// the environment once and sets them with <see cref="FfmpegTools.Configure"/> before anything runs.
/// </summary>
/// <param name="BinaryFolder">The folder holding ffmpeg and ffprobe (<c>SC_FFMPEG_DIR</c>), or null to search <paramref name="SearchPath"/>.</param>
/// <param name="SearchPath">The folders searched in order when <paramref name="BinaryFolder"/> is null (<c>PATH</c>).</param>
/// <param name="InProcessDecode">Whether video and sound may be decoded in process by libavcodec (<c>SC_IN_PROCESS_DECODE</c>).</param>
/// <param name="DecodeThreads">The threads each video decoder uses (<c>SC_THREADS</c>), in process or in an ffmpeg process; null for one per core.</param>
public sealed record FfmpegSettings(string? BinaryFolder, IReadOnlyList<string> SearchPath, bool InProcessDecode = true, int? DecodeThreads = null)
{
    /// <summary>No folder and an empty search path: nothing is found until the host configures where to look.</summary>
    public static FfmpegSettings None { get; } = new(null, []);

    /// <summary>
    /// ffmpeg and ffprobe looked for in the folders of <paramref name="path"/>, a list in the form of <c>PATH</c>: what a
    /// program using the library passes to <see cref="FfmpegTools.Configure"/>, giving it the value of its <c>PATH</c>
    /// variable (the library itself reads no environment; README, "used as a library").
    /// </summary>
    public static FfmpegSettings OnPath(string? path) =>
        new(null, (path ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
}
