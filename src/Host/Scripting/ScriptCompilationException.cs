using ScriptComposer.Dsl;

namespace ScriptComposer.Host.Scripting;

/// <summary>A script that does not compile: every error (<see cref="ScriptDiagnostic.Text"/> is <c>path(line,col): error CSxxxx: message</c>).</summary>
public sealed class ScriptCompilationException(string scriptPath, IReadOnlyList<ScriptDiagnostic> diagnostics, IReadOnlyCollection<string>? sourceFiles = null)
    : ScriptComposerException($"{scriptPath} does not compile:\n{string.Join('\n', diagnostics.Select(d => d.Text))}")
{
    public IReadOnlyList<ScriptDiagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>The script and every file its <c>#load</c>s named, found or not: what a change could fix.</summary>
    public IReadOnlyCollection<string> SourceFiles { get; } = sourceFiles ?? [scriptPath];
}
