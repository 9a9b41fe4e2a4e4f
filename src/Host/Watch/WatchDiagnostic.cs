using System.Globalization;
using Microsoft.CodeAnalysis;

namespace ScriptComposer.Host.Watch;

/// <summary>One error of an evaluation, for the terminal and the preview page: <see cref="Text"/> is <c>path(line,col): error CS…: message</c>.</summary>
public sealed record WatchDiagnostic(string? File, int? Line, int? Column, string Message, string Text)
{
    internal static WatchDiagnostic From(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var known = span.IsValid && !string.IsNullOrEmpty(span.Path);
        return new WatchDiagnostic(
            known ? span.Path : null,
            known ? span.StartLinePosition.Line + 1 : null,
            known ? span.StartLinePosition.Character + 1 : null,
            Scripting.DiagnosticHints.Hint(diagnostic) is { } hint ? $"{diagnostic.GetMessage(CultureInfo.InvariantCulture)} {hint}" : diagnostic.GetMessage(CultureInfo.InvariantCulture),
            Scripting.DiagnosticHints.Format(diagnostic));
    }

    /// <summary>A runtime error at a script line (or none known): <c>path(line): error: message</c>.</summary>
    internal static WatchDiagnostic AtLine(string? file, int? line, string message)
    {
        var where = file is null ? "the script" : line is null ? file : $"{file}({line})";
        return new WatchDiagnostic(file, line, null, message, $"{where}: error: {message}");
    }
}
