namespace ScriptComposer.Dsl.Media;

/// <summary>Writes an output through a temporary file beside it, renamed over the final name only when complete.</summary>
public static class OutputFile
{
    /// <summary>A hidden temporary name in the output's folder that keeps its extension (so ffmpeg picks the right muxer).</summary>
    public static string TemporaryPathFor(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(path)}.partial-{Guid.NewGuid().ToString("N")[..8]}{Path.GetExtension(path)}");
    }

    public static void WriteAtomically(string path, Action<string> writeTemporary)
    {
        var temp = TemporaryPathFor(path);
        CleanupRegistry.Track(temp);
        try
        {
            writeTemporary(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            CleanupRegistry.Forget(temp);
        }
    }

    /// <summary>Refuses, before any work, an output whose folder is missing or that would overwrite one of the inputs.</summary>
    public static void Validate(string path, IEnumerable<string> inputs)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new ScriptComposerException($"The output folder '{folder}' does not exist. Create it (mkdir -p '{folder}') or choose another output path.");
        if (OutputFormats.KindOf(full) == OutputKind.ImageSequence)
            return;
        if (Directory.Exists(full))
            throw new ScriptComposerException($"The output '{full}' is a folder. Give a file name such as '{Path.Combine(full, "out.mp4")}'.");
        foreach (var input in inputs)
        {
            if (string.Equals(Path.GetFullPath(input), full, StringComparison.Ordinal))
                throw new ScriptComposerException($"The output '{full}' is also an input of the script; writing it would destroy the input. Choose another output path.");
        }
    }
}
