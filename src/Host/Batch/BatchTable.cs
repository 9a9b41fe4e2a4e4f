using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using ScriptComposer.Dsl;

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
            var line = parser.RawRow;
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

    /// <summary>Refuses, before anything renders, a pattern naming a column the table lacks, and rows that would write the same file.</summary>
    public static void CheckOutputs(IReadOnlyList<BatchRow> rows, string? pattern, string tableFolder, string table)
    {
        if (pattern is not null)
        {
            foreach (var name in Placeholders(pattern))
            {
                if (name != "row" && !rows[0].Values.ContainsKey(name))
                    throw new ScriptComposerException($"-o '{pattern}' names the column {{{name}}}, which '{table}' does not have (it has {string.Join(", ", rows[0].Values.Keys)}). Use one of those, or {{row}} for the row's number.");
            }
        }
        var clashes = rows.Where(r => r.Problem is null)
            .Select(r => (Row: r, Output: OutputOf(r, pattern, tableFolder)))
            .Where(r => r.Output is not null)
            .GroupBy(r => r.Output, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1);
        if (clashes is not null)
            throw new ScriptComposerException(
                $"{string.Join(" and ", clashes.Select(c => c.Row.Describe(table)))} would all write '{clashes.Key}'. Give each row its own output: -o 'out/{{row}}.mp4', or a pattern with a column whose values differ, such as -o 'out/{{name}}.mp4'.");
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
