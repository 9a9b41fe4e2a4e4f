using ScriptComposer.Dsl;

namespace ScriptComposer.Host.Scripting;

/// <summary>A script that does not compile; <see cref="Diagnostics"/> are formatted as <c>path(line,col): error CSxxxx: message</c>.</summary>
public sealed class ScriptCompilationException(string scriptPath, IReadOnlyList<string> diagnostics)
    : ScriptComposerException($"{scriptPath} does not compile:\n{string.Join('\n', diagnostics)}")
{
    public IReadOnlyList<string> Diagnostics { get; } = diagnostics;
}
