using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// One error of a script: where it is and what it says. Either a compiler diagnostic (<see cref="Code"/> CSxxxx, with line
/// and column) or an error the script's code threw while it ran (at the script line it came from, when that is known).
/// <see cref="Text"/> is the one way sc writes either, on the terminal and on the <c>sc watch</c> page:
/// <c>path(line,col): error CSxxxx: message</c>, <c>path(line): error: message</c>.
/// </summary>
public sealed partial record ScriptDiagnostic(string? File, int? Line, int? Column, string? Code, string Message)
{
    /// <summary>The diagnostic as sc prints it (compiler diagnostics exactly as Roslyn writes them).</summary>
    public string Text
    {
        get
        {
            var where = File is null ? null : Line is null ? File : Column is null ? $"{File}({Line})" : $"{File}({Line},{Column})";
            var kind = Code is null ? "error" : $"error {Code}";
            return where is not null ? $"{where}: {kind}: {Message}"
                : Code is not null ? $"{kind}: {Message}"
                : $"the script: {kind}: {Message}";
        }
    }

    /// <summary>The script line the diagnostic points at, as written (the studio page shows it under the message).</summary>
    public string? SourceLine { get; init; }

    public override string ToString() => Text;

    /// <summary>This diagnostic with <see cref="SourceLine"/> read from its file, when it names one of <paramref name="readable"/>.</summary>
    internal ScriptDiagnostic WithSource(IReadOnlyCollection<string> readable)
    {
        if (File is null || Line is not { } line || !readable.Contains(File))
            return this;
        try
        {
            return this with { SourceLine = System.IO.File.ReadLines(File).Skip(line - 1).FirstOrDefault() };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return this;
        }
    }

    /// <summary>An error at a line of a script file (or at none known, or in no known file).</summary>
    public static ScriptDiagnostic AtLine(string? file, int? line, string message) => new(file, line, null, null, message);

    /// <summary>A compiler error, where the compiler places it (a <c>#load</c>ed file's own path and line), with a hint where <see cref="DiagnosticHints"/> has one.</summary>
    internal static ScriptDiagnostic From(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var known = (diagnostic.Location.IsInSource || diagnostic.Location.Kind == LocationKind.ExternalFile) && span.IsValid && !string.IsNullOrEmpty(span.Path);
        return new ScriptDiagnostic(
            known ? span.Path : null,
            known ? span.StartLinePosition.Line + 1 : null,
            known ? span.StartLinePosition.Character + 1 : null,
            diagnostic.Id,
            DiagnosticHints.Hint(diagnostic) is { } hint ? $"{diagnostic.GetMessage(CultureInfo.InvariantCulture)} {hint}" : diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    /// <summary>What the script's code threw, at the script line it came from (see <see cref="ScriptHost.ScriptLineOf"/>).</summary>
    internal static ScriptDiagnostic Thrown(Exception exception) => Thrown(exception, exception);

    /// <summary>
    /// An error at the script line <paramref name="located"/> came from, saying what <paramref name="reported"/> says (the
    /// script's own exception under the host's wrappers, say).
    /// </summary>
    internal static ScriptDiagnostic Thrown(Exception located, Exception reported)
    {
        var (file, line) = ScriptHost.ScriptLineOf(located);
        var message = reported.Message;
        // Some errors already point into the script more precisely (a CUDA body's own line): their place is taken as it is.
        if (file is not null && message.StartsWith(file + "(", StringComparison.Ordinal) && Located().Match(message, file.Length) is { Success: true } at)
        {
            return new ScriptDiagnostic(file, int.Parse(at.Groups["line"].Value, CultureInfo.InvariantCulture),
                at.Groups["column"].Success ? int.Parse(at.Groups["column"].Value, CultureInfo.InvariantCulture) : null,
                at.Groups["code"].Success ? at.Groups["code"].Value : null, message[(at.Index + at.Length)..]);
        }
        // .NET's own "Value cannot be null." (a check outside the DSL's entry points, which say more) names nothing.
        if (reported is ArgumentNullException { ParamName: { Length: > 0 } nullName } && message == new ArgumentNullException(nullName).Message)
            message = $"'{nullName}' is null here: give it a value.";
        // ArgumentException appends " (Parameter 'x')", which says nothing the message has not said.
        else if (reported is ArgumentException { ParamName: { } name })
            message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        return AtLine(file, line, message);
    }

    [GeneratedRegex(@"\G\((?<line>\d{1,9})(,(?<column>\d{1,9}))?\): error( (?<code>[A-Z]+\d+))?: ")]
    private static partial Regex Located();
}
