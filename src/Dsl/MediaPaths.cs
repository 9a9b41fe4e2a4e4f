using System.Runtime.CompilerServices;

namespace ScriptComposer.Dsl;

/// <summary>
/// Resolves the relative paths a script names (media and outputs) from the script's own folder, so a script
/// renders the same from wherever it is run. The host sets the folder around an evaluation.
/// </summary>
public static class MediaPaths
{
    private static readonly AsyncLocal<string?> Current = new();
    private static readonly AsyncLocal<ICollection<string>?> Reads = new();

    /// <summary>The folder relative paths are resolved from: the script's folder, or the working directory outside a script.</summary>
    public static string BaseDirectory => Current.Value ?? Environment.CurrentDirectory;

    public static IDisposable UseBaseDirectory(string folder)
    {
        var previous = Current.Value;
        Current.Value = Path.GetFullPath(folder);
        return new Restore(() => Current.Value = previous);
    }

    /// <summary>
    /// Until disposed, files read while the script runs (media files, and a subtitle file or a font file, which leave no trace
    /// in the clip graph) are added to <paramref name="files"/>, so the host can keep outputs from overwriting them.
    /// </summary>
    public static IDisposable RecordReads(ICollection<string> files)
    {
        var previous = Reads.Value;
        Reads.Value = files;
        return new Restore(() => Reads.Value = previous);
    }

    /// <summary>Notes that the script read (or tried to read) <paramref name="path"/> (see <see cref="RecordReads"/> and <see cref="Media.OpenedMedia"/>).</summary>
    public static void NoteRead(string path)
    {
        Media.OpenedMedia.Note(path);
        if (Reads.Value is { } files)
            lock (files) files.Add(Path.GetFullPath(path));
    }

    /// <param name="parameter">The script-facing parameter, for the error; filled in by the compiler, as is <paramref name="method"/>.</param>
    public static string Resolve(string path, [CallerArgumentExpression(nameof(path))] string parameter = "path", [CallerMemberName] string method = "")
    {
        NullArgument.ThrowIfNull(path, NullArgument.PathExample, parameter, method);
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException("A file path must not be empty.", nameof(path));
        var expanded = path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
        return Path.GetFullPath(expanded, BaseDirectory);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
