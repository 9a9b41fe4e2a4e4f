using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl;

/// <summary>
/// Where the lines of a CUDA body passed to <c>PixelEffect(cuda: ...)</c> or <c>Transition.Custom(cuda: ...)</c> are in the script,
/// for NVRTC's errors (numbered from the body's first line) to point at the script's line. The call knows its own line and the
/// argument's source text (<c>[CallerArgumentExpression]</c>); the text is found in the script from that line on, and a raw string
/// whose <c>"""</c> ends its line starts its body on the next one.
/// </summary>
internal static class CudaBodyLines
{
    /// <summary>
    /// The script line of line <paramref name="bodyLine"/> of the body given as <paramref name="expression"/> in the call on line
    /// <paramref name="callLine"/> of <paramref name="file"/>. Where the script cannot be read or the argument is not a string
    /// literal written there, the body is taken to start on the call's line.
    /// </summary>
    public static int ScriptLine(string file, int callLine, string? expression, int bodyLine)
    {
        if (Literal(file, callLine, expression) is not var (line, literal))
            return callLine + bodyLine - 1;
        var quotes = literal.TrimStart('$', '@');
        if (quotes.StartsWith("\"\"\"", StringComparison.Ordinal))
        {
            // A raw string: multi-line when nothing follows its opening quotes on their line; its content starts on the next line.
            var opening = quotes.Length - quotes.TrimStart('"').Length;
            var newline = quotes.IndexOf('\n', StringComparison.Ordinal);
            return newline >= 0 && string.IsNullOrWhiteSpace(quotes[opening..newline]) ? line + bodyLine : line + bodyLine - 1;
        }
        // A verbatim string's lines are the script's; an ordinary string is on one line ("\n" escapes and all).
        return literal.StartsWith('@') || literal.StartsWith("$@", StringComparison.Ordinal) ? line + bodyLine - 1 : line;
    }

    /// <summary>
    /// The error for a CUDA body of <paramref name="what"/> that NVRTC refused with <paramref name="diagnostics"/>, at the script
    /// line of its first error (of the body's first line when none has one).
    /// </summary>
    public static ScriptComposerException CompileError(string file, int callLine, string? expression, string what, IReadOnlyList<PixelEffectDiagnostic> diagnostics, Exception inner)
    {
        var starts = ScriptLine(file, callLine, expression, 1);
        var where = diagnostics.FirstOrDefault(d => d.Line > 0) is { } first ? ScriptLine(file, callLine, expression, first.Line) : starts;
        return new ScriptComposerException(
            $"{file}({where}): error: the CUDA source of {what} (starting on line {starts}) does not compile:\n{string.Join('\n', diagnostics)}", inner);
    }

    /// <summary>The line where <paramref name="expression"/>, a string literal, starts at or after <paramref name="callLine"/>, or null.</summary>
    private static (int Line, string Literal)? Literal(string file, int callLine, string? expression)
    {
        var literal = expression?.Trim();
        if (string.IsNullOrEmpty(literal) || callLine < 1 || !literal.TrimStart('$', '@').StartsWith('"'))
            return null;
        string text;
        try
        {
            if (file.Length == 0 || !File.Exists(file))
                return null;
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var start = 0;
        for (var line = 1; line < callLine; line++)
        {
            start = text.IndexOf('\n', start) + 1;
            if (start == 0)
                return null;
        }
        var at = text.IndexOf(literal, start, StringComparison.Ordinal);
        if (at < 0)
            return null;
        return (callLine + text.AsSpan(start, at - start).Count('\n'), literal);
    }
}
