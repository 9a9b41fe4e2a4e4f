using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Host.Batch;

/// <summary>
/// The table of a batch render: a CSV file (RFC 4180: a header row of column names, then one row per video; fields may be
/// quoted and hold commas and newlines), read whole before anything renders. Each row reaches the script as <c>Args</c>,
/// its columns by name, as <c>--set</c> would give them.
/// </summary>
internal static class BatchTable
{
    /// <summary>The column that names a row's output when no <c>-o</c> pattern is given (relative to the table's folder).</summary>
    public const string OutputColumn = "output";

    public static IReadOnlyList<BatchRow> Read(string path)
    {
        if (!File.Exists(path))
            throw new ScriptComposerException($"The batch table '{path}' does not exist. Give a CSV file whose first row names the columns, such as 'title,color'.");
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectColumnCountChanges = false };
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var parser = new CsvParser(reader, configuration);
        if (!parser.Read())
            throw new ScriptComposerException($"The batch table '{path}' is empty. Its first row names the columns (such as 'title,color'), and each row after it is one video.");
        var header = parser.Record!.Select(h => h.Trim()).ToArray();
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0 || header[i].Contains('='))
                throw new ScriptComposerException($"Column {i + 1} of '{path}' is named '{header[i]}'; a column name is what the script reads as Args[\"name\"], so give each column a name without '='.");
            if (Array.IndexOf(header, header[i]) != i)
                throw new ScriptComposerException($"'{path}' has two columns named '{header[i]}'. Give each column its own name.");
        }
        var rows = new List<BatchRow>();
        while (parser.Read())
        {
            var record = parser.Record!;
            // RawRow is the line the record ends on: a quoted field may span lines, and the row is named by the line it starts on.
            var line = parser.RawRow - LineBreaksWithin(parser.RawRecord);
            if (record.Length == 1 && record[0].Length == 0)
                continue; // a blank line
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < Math.Min(header.Length, record.Length); i++)
                values[header[i]] = record[i];
            var problem = record.Length == header.Length ? null
                : $"it has {record.Length} field(s), but the header names {header.Length} column(s) ({string.Join(", ", header)}); quote a field that holds a comma";
            rows.Add(new BatchRow(rows.Count + 1, line, values, problem));
        }
        if (rows.Count == 0)
            throw new ScriptComposerException($"The batch table '{path}' has a header but no rows. Add one row per video under it.");
        return rows;
    }

    /// <summary>
    /// The output of <paramref name="row"/>: <paramref name="pattern"/> with <c>{column}</c> replaced by the row's value and
    /// <c>{row}</c> by its number, else the row's <see cref="OutputColumn"/> (relative to <paramref name="tableFolder"/>), else
    /// null (the script's own path).
    /// </summary>
    public static string? OutputOf(BatchRow row, string? pattern, string tableFolder)
    {
        if (pattern is not null)
            return Path.GetFullPath(Expand(pattern, row));
        return row.Values.TryGetValue(OutputColumn, out var named) && named.Length > 0 ? Path.GetFullPath(Path.Combine(tableFolder, named)) : null;
    }

    /// <summary>
    /// Refuses, before anything renders, a pattern naming a column the table lacks or leaving a row's file without a name,
    /// rows that would write the same file, and, where <paramref name="namedBecause"/> says why every output must be named
    /// (rows rendered by worker processes or Slurm tasks cannot see what the others write), a row that names none.
    /// </summary>
    public static void CheckOutputs(IReadOnlyList<BatchRow> rows, string? pattern, string tableFolder, string table, string? namedBecause = null)
    {
        if (pattern is not null)
        {
            foreach (var name in Placeholders(pattern))
            {
                if (name != "row" && !rows[0].Values.ContainsKey(name))
                    throw new ScriptComposerException($"-o '{pattern}' names the column {{{name}}}, which '{table}' does not have (it has {string.Join(", ", rows[0].Values.Keys)}). Use one of those, or {{row}} for the row's number.");
            }
        }
        CheckNames(rows, pattern, tableFolder, table);
        if (namedBecause is not null)
            RequireNamedOutputs(rows, pattern, tableFolder, table, namedBecause);
        // By the place each path reaches, not its spelling: 'out/a.mp4' and 'link/a.mp4' (link -> out) are one file.
        var clashes = rows.Where(r => r.Problem is null)
            .Select(r => (Row: r, Output: OutputOf(r, pattern, tableFolder)))
            .Where(r => r.Output is not null)
            .GroupBy(r => FileIdentity.PlaceOf(r.Output!), StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1);
        if (clashes is not null)
            throw new ScriptComposerException(
                $"{string.Join(" and ", clashes.Select(c => c.Row.Describe(table)))} would all write '{clashes.First().Output}'" +
                (clashes.Select(c => c.Output).Distinct(StringComparer.Ordinal).Count() > 1 ? $" (as {string.Join(", ", clashes.Select(c => $"'{c.Output}'"))}, one file)" : "") +
                ". Give each row its own output: -o 'out/{row}.mp4', or a pattern with a column whose values differ, such as -o 'out/{name}.mp4'.");
    }

    /// <summary>
    /// Refuses, before anything renders, rows whose output is not named where every output must be (rows rendered by
    /// worker processes or Slurm tasks cannot see what the others write): a row with no <c>-o</c> and an empty or missing
    /// <see cref="OutputColumn"/>.
    /// </summary>
    private static void RequireNamedOutputs(IReadOnlyList<BatchRow> rows, string? pattern, string tableFolder, string table, string why)
    {
        var unnamed = rows.Where(r => r.Problem is null && OutputOf(r, pattern, tableFolder) is null).ToList();
        if (unnamed.Count > 0)
            throw new ScriptComposerException(
                $"{why}, each row's output must be named before it renders, but {string.Join(" and ", unnamed.Take(3).Select(r => r.Describe(table)))}{(unnamed.Count > 3 ? $" and {unnamed.Count - 3} more" : "")} " +
                $"name{(unnamed.Count == 1 ? "s" : "")} none (no -o, and no value in an '{OutputColumn}' column). Give -o with a pattern, such as -o 'out/{{row}}.mp4', or fill the '{OutputColumn}' column of '{table}'.");
    }

    /// <summary>
    /// Refuses, before anything renders, a <c>-o</c> pattern that leaves a row's file without a name: a column whose value
    /// is empty where the pattern's file name is only that column (-o 'out/{name}.mp4' with an empty name writes 'out/.mp4').
    /// </summary>
    private static void CheckNames(IReadOnlyList<BatchRow> rows, string? pattern, string tableFolder, string table)
    {
        if (pattern is null)
            return;
        foreach (var row in rows.Where(r => r.Problem is null))
        {
            var output = OutputOf(row, pattern, tableFolder)!;
            if (Path.GetFileNameWithoutExtension(output).Length == 0 || Path.GetFileName(output).Length == 0)
                throw new ScriptComposerException(
                    $"-o '{pattern}' gives {row.Describe(table)} the output '{output}', which has no file name (a column it names is empty there). Fill that column, or add {{row}} to the pattern, such as -o 'out/{{row}}-{{name}}.mp4'.");
        }
    }

    /// <summary>The line breaks inside a record's raw text, the one that ends it left out ("\r\n" is one).</summary>
    private static int LineBreaksWithin(string raw)
    {
        var text = raw.EndsWith("\r\n", StringComparison.Ordinal) ? raw[..^2] : raw.EndsWith('\n') || raw.EndsWith('\r') ? raw[..^1] : raw;
        var breaks = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
                breaks++;
        }
        return breaks;
    }

    private static string Expand(string pattern, BatchRow row)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '{' && pattern.IndexOf('}', i) is var close and > 0)
            {
                var name = pattern[(i + 1)..close];
                text.Append(name == "row" ? row.Number.ToString(CultureInfo.InvariantCulture) : row.Values.GetValueOrDefault(name, ""));
                i = close;
            }
            else
            {
                text.Append(pattern[i]);
            }
        }
        return text.ToString();
    }

    private static IEnumerable<string> Placeholders(string pattern)
    {
        for (var i = pattern.IndexOf('{'); i >= 0; i = pattern.IndexOf('{', i + 1))
        {
            var close = pattern.IndexOf('}', i);
            if (close < 0) yield break;
            yield return pattern[(i + 1)..close];
        }
    }
}
