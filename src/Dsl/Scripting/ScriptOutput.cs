namespace ScriptComposer.Dsl.Scripting;

/// <summary>Something a script declared it wants written; the host decides when and how to produce it.</summary>
public abstract record ScriptOutput(Clip Clip, string Path)
{
    /// <summary>The script line that declared the output (its <c>Render(...)</c>), where errors about it are reported; null when not declared by a script.</summary>
    public ScriptLocation? DeclaredAt { get; init; }

    /// <summary>
    /// The folder the script's relative paths resolve from (its own), for the script's code that runs while the output renders
    /// (a Map that opens <c>Video("b.mp4")</c>); null when not declared by a script.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Until disposed, relative paths resolve from <see cref="BaseDirectory"/> (where there is one) on this thread and those it starts.</summary>
    public IDisposable ResolvingPaths() => BaseDirectory is { } folder ? MediaPaths.UseBaseDirectory(folder) : MediaPaths.UseBaseDirectory(MediaPaths.BaseDirectory);
}
