using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace ScriptComposer.Host.Watch;

/// <summary>One error of an evaluation, for the terminal and the preview page: <see cref="Text"/> is <c>path(line,col): error CS…: message</c>.</summary>
public sealed partial record WatchDiagnostic(string? File, int? Line, int? Column, string Message, string Text)
{
    /// <summary>The script line the diagnostic points at, as written (the page shows it under the message).</summary>
    public string? SourceLine { get; init; }

    /// <summary>A diagnostic formatted as <c>path(line,col): error CS…: message</c> (the compiler's text), read back.</summary>
    internal static WatchDiagnostic Parse(string text)
    {
        var match = Formatted().Match(text);
        return match.Success
            ? new WatchDiagnostic(match.Groups["file"].Value, int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture), match.Groups["message"].Value, text)
            : new WatchDiagnostic(null, null, null, text, text);
    }

    /// <summary>This diagnostic with <see cref="SourceLine"/> read from its file, when it names one of <paramref name="readable"/>.</summary>
    internal WatchDiagnostic WithSource(IReadOnlyCollection<string> readable)
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

    [GeneratedRegex(@"^(?<file>.+)\((?<line>\d+),(?<column>\d+)\): (error|warning) \w+: (?<message>.*)$", RegexOptions.Singleline)]
    private static partial Regex Formatted();

    internal static WatchDiagnostic From(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        var known = span.IsValid && !string.IsNullOrEmpty(span.Path);
        return new WatchDiagnostic(
            known ? span.Path : null,
            known ? span.StartLinePosition.Line + 1 : null,
            known ? span.StartLinePosition.Character + 1 : null,
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            diagnostic.ToString());
    }

    /// <summary>A runtime error at a script line (or none known): <c>path(line): error: message</c>.</summary>
    internal static WatchDiagnostic AtLine(string? file, int? line, string message)
    {
        var where = file is null ? "the script" : line is null ? file : $"{file}({line})";
        return new WatchDiagnostic(file, line, null, message, $"{where}: error: {message}");
    }
}
