namespace ScriptComposer.Dsl.Media;

/// <summary>
/// The media files this process opened (videos, sounds, pictures, fonts, subtitles), each with when it was last opened. A
/// script may open a file only while it renders, in a lambda the clip graph cannot see into (a <c>Map</c> that reads
/// another clip, a frame generator): such a file is no input the outputs were checked against before the render, so each
/// output, as it is put in place, is checked against what was opened while it rendered (<see cref="RequireNotOpened"/>).
/// </summary>
public static class OpenedMedia
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, long> LastOpened = new(StringComparer.Ordinal);
    private static readonly AsyncLocal<long?> RenderStart = new();
    private static long _opens;

    /// <summary>Notes that <paramref name="path"/> was opened now.</summary>
    public static void Note(string path)
    {
        var full = Path.GetFullPath(path);
        lock (Gate)
            LastOpened[full] = ++_opens;
    }

    /// <summary>
    /// Until disposed, the outputs this thread (and the threads it starts) puts in place are checked against the files
    /// opened from now on.
    /// </summary>
    public static IDisposable WhileRendering()
    {
        var previous = RenderStart.Value;
        lock (Gate)
            RenderStart.Value = _opens + 1;
        return new Restore(previous);
    }

    /// <summary>
    /// Refuses to put an output at <paramref name="target"/> when that file was opened as media while the output rendered:
    /// replacing it would destroy what the script read.
    /// </summary>
    /// <exception cref="ScriptComposerException">The target is such a file (through any link or other name).</exception>
    public static void RequireNotOpened(string target)
    {
        if (RenderStart.Value is not { } start || FileIdentity.Of(target) is not { } identity)
            return;
        string[] opened;
        lock (Gate)
            opened = [.. LastOpened.Where(p => p.Value >= start).Select(p => p.Key)];
        foreach (var path in opened)
        {
            if (FileIdentity.Of(path) is { } read && read.SameFileAs(identity))
                throw new ScriptComposerException(
                    $"The output '{Path.GetFullPath(target)}' is also read by the script while it renders (as '{path}', in a function such as a Map or a frame " +
                    "generator); writing it would destroy the input, so it was not written. Choose another output path.");
        }
    }

    private sealed class Restore(long? previous) : IDisposable
    {
        public void Dispose() => RenderStart.Value = previous;
    }
}
