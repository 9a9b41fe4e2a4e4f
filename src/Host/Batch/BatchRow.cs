namespace ScriptComposer.Host.Batch;

/// <summary>
/// One row of a <c>--batch</c> table: its number (1 for the first row under the header), the line it starts on, its values
/// by column, and what is wrong with it when it cannot be rendered as it is (too few or too many fields).
/// </summary>
internal sealed record BatchRow(int Number, int Line, IReadOnlyDictionary<string, string> Values, string? Problem = null)
{
    /// <summary>"row 3 (line 4 of rows.csv)".</summary>
    public string Describe(string table) => $"row {Number} (line {Line} of {Path.GetFileName(table)})";
}
