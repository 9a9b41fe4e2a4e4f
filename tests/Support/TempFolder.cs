namespace ScriptComposer.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on <see cref="Dispose"/>.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string purpose = "e2e")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sc-{purpose}-{Guid.NewGuid().ToString("N")[..10]}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's full path (no trailing separator).</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="relative"/> inside the folder (nothing is created).</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> (creating subfolders) and returns its full path.</summary>
    public string Write(string relative, string text)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    /// <summary>The names of every file in the folder and below, relative to it, for "nothing was left behind" checks.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order(StringComparer.Ordinal).ToList();

    public void Dispose()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                // A process we started may still be closing a file in it.
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException) when (attempt < 5)
            {
                Thread.Sleep(200);
            }
        }
    }

    public override string ToString() => Path;
}
