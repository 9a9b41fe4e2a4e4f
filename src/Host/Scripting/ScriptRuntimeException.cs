using ScriptComposer.Dsl;

namespace ScriptComposer.Host.Scripting;

/// <summary>A script that threw while it ran: <see cref="Diagnostic"/> says where (the script line, when known) and what.</summary>
public sealed class ScriptRuntimeException(ScriptDiagnostic diagnostic, Exception inner)
    : ScriptComposerException(diagnostic.Text, inner)
{
    public ScriptDiagnostic Diagnostic { get; } = diagnostic;

    public string? File => Diagnostic.File;

    public int? Line => Diagnostic.Line;

    /// <summary>The files the script read, or tried to read, before it threw (one missing is often why).</summary>
    public IReadOnlyList<string> FilesRead { get; init; } = [];
}
