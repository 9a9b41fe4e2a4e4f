namespace ScriptComposer.Dsl.Scripting;

/// <summary>Something a script declared it wants written; the host decides when and how to produce it.</summary>
public abstract record ScriptOutput(Clip Clip, string Path)
{
    /// <summary>The script line that declared the output (its <c>Render(...)</c>), where errors about it are reported; null when not declared by a script.</summary>
    public ScriptLocation? DeclaredAt { get; init; }
}
