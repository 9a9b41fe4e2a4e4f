using System.Text.Json;
using System.Text.Json.Serialization;
using ScriptComposer.Dsl.Rendering.Chunks;

namespace ScriptComposer.Host.Batch;

/// <summary>
/// What became of one row of a batch: the files it wrote (with the size and time each had then), or the error that stopped
/// it, and the render it was (the script, the row's values, the inputs, the build). Kept in a batch's work dir as
/// <c>row-0003.json</c>, so that a group started again renders only the rows whose result no longer holds.
/// </summary>
internal sealed record BatchRowResult(int Row, int Line, bool Ok, IReadOnlyList<string> Outputs, string? Error,
    RenderIdentity? Identity = null, IReadOnlyDictionary<string, string>? Written = null)
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

    /// <summary>Whether the row is done: it succeeded and every file it wrote is still there as it was written.</summary>
    [JsonIgnore]
    public bool IsDone => Ok && Outputs.All(o => File.Exists(o) && (Written is null || Written.GetValueOrDefault(o) == VersionOf(o)));

    /// <summary>Whether this result holds for a render of <paramref name="identity"/> writing <paramref name="outputs"/>: it is done, of the same render, to the same files.</summary>
    public bool HoldsFor(RenderIdentity identity, IReadOnlyList<string> outputs) =>
        IsDone && Identity is not null && Written is not null && Identity.Differences(identity).Count == 0 && Outputs.SequenceEqual(outputs, StringComparer.Ordinal);

    /// <summary>A file's size and time, as <see cref="Written"/> keeps them.</summary>
    public static string VersionOf(string path) => Chunks.RenderIdentities.SizeAndTime(new FileInfo(path));
}
