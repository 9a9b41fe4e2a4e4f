namespace ScriptComposer.Dsl.Scripting;

/// <summary>A line of a script (or of a file it <c>#load</c>s): where an output was declared, so an error about it points there.</summary>
public readonly record struct ScriptLocation(string File, int Line)
{
    /// <summary>The location of a call, or null when the caller is not a script file (a test, a host's own call).</summary>
    public static ScriptLocation? Of(string file, int line) =>
        line > 0 && file.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) ? new ScriptLocation(file, line) : null;

    public override string ToString() => $"{File}({Line})";
}
