namespace ScriptComposer.Host.Watch;

/// <summary>
/// One output a render from the studio page wrote: <see cref="Path"/> as the script declared it, and the files that hold
/// it (the one file, or every picture of a picture sequence, numbered from 0 as written).
/// </summary>
internal sealed partial record RenderedOutput(string Path, IReadOnlyList<string> Files)
{
    /// <summary>Whether the output is a sequence of pictures, sent as one zip of them.</summary>
    public bool IsSequence => Files.Count != 1 || !string.Equals(Files[0], Path, StringComparison.Ordinal);

    /// <summary>The name the download is saved as: the file's own, or for a sequence its pattern without the number ("f.zip" for "f_%04d.png").</summary>
    public string DownloadName
    {
        get
        {
            var name = System.IO.Path.GetFileName(Path);
            if (!IsSequence)
                return name;
            var stem = NumberField().Replace(System.IO.Path.GetFileNameWithoutExtension(name), "").Trim('_', '-', '.', ' ');
            return (stem.Length > 0 ? stem : "frames") + ".zip";
        }
    }

    /// <summary>
    /// Whether the server may send it: every file of it is there and inside <paramref name="folder"/> (the script's), by its
    /// name and through any links.
    /// </summary>
    public bool IsSendableFrom(string folder)
    {
        var inside = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(folder)) + System.IO.Path.DirectorySeparatorChar;
        return Files.All(file => File.Exists(file) && Inside(file, inside));

        static bool Inside(string file, string folder)
        {
            var real = File.ResolveLinkTarget(file, returnFinalTarget: true)?.FullName ?? file;
            return System.IO.Path.GetFullPath(file).StartsWith(folder, StringComparison.Ordinal)
                && System.IO.Path.GetFullPath(real).StartsWith(folder, StringComparison.Ordinal);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"%\d*d")]
    private static partial System.Text.RegularExpressions.Regex NumberField();
}
