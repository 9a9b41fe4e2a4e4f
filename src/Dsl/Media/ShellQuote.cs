namespace ScriptComposer.Dsl.Media;

/// <summary>Words for a POSIX shell: a job script's command, or a command shown to the user to copy.</summary>
internal static class ShellQuote
{
    /// <summary><paramref name="word"/> as one shell word: plain when it holds nothing the shell reads, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '=' or ':' or ',' or '+' or '@')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
