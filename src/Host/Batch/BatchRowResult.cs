using System.Text.Json;

namespace ScriptComposer.Host.Batch;

/// <summary>What became of one row of a batch: the files it wrote, or the error that stopped it. Kept in a batch's work dir as <c>row-0003.json</c>.</summary>
internal sealed record BatchRowResult(int Row, int Line, bool Ok, IReadOnlyList<string> Outputs, string? Error)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathOf(string workDir, int row) => Path.Combine(workDir, FormattableString.Invariant($"row-{row:D4}.json"));

    public void Write(string workDir) =>
        Dsl.Media.OutputFile.WriteAtomically(PathOf(workDir, Row), temporary => File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json)));

    /// <summary>The result kept for <paramref name="row"/>; null when there is none (or it cannot be read).</summary>
    public static BatchRowResult? Read(string workDir, int row)
    {
        try
        {
            var path = PathOf(workDir, row);
            return File.Exists(path) ? JsonSerializer.Deserialize<BatchRowResult>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether the row is done: it succeeded and every file it wrote is still there.</summary>
    public bool IsDone => Ok && Outputs.All(File.Exists);
}
