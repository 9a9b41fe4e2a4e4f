using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace ScriptComposer.Dsl.Rendering.Chunks;

/// <summary>
/// The chunk files in a work dir, named by output and chunk (<c>o0.c0002-of-0004.json</c> and its segment
/// <c>o0.c0002-of-0004.mp4</c>), and the one check that says whether a chunk is done: its manifest is there, is this
/// chunk of this render, and its segment has the bytes and the hash the manifest recorded.
/// </summary>
public static class ChunkFiles
{
    public static string Stem(int output, ChunkIndex chunk) =>
        string.Create(CultureInfo.InvariantCulture, $"o{output}.c{chunk.Index:D4}-of-{chunk.Count:D4}");

    public static string ManifestPath(string workDir, int output, ChunkIndex chunk) => Path.Combine(workDir, Stem(output, chunk) + ".json");

    /// <summary>Why the chunk <paramref name="expected"/> describes is not done in <paramref name="workDir"/>; null when it is.</summary>
    public static string? Problem(string workDir, ChunkManifest expected)
    {
        var chunk = new ChunkIndex(expected.Chunk, expected.Chunks);
        var manifestPath = ManifestPath(workDir, expected.Output, chunk);
        ChunkManifest? found;
        try
        {
            found = ChunkManifest.Read(manifestPath);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return $"its manifest '{manifestPath}' cannot be read ({e.Message})";
        }
        if (found is null)
            return $"it is missing (no '{manifestPath}')";
        if (found.Chunk != expected.Chunk || found.Output != expected.Output)
            return $"its manifest '{manifestPath}' describes another chunk";
        if (found.Differences(expected) is { Count: > 0 } differences)
            return $"it is from another render ({string.Join("; ", differences)})";
        if (found.Frames == 0)
            return null;
        if (found.Segment is not { } name || name != Path.GetFileName(name))
            return $"its manifest '{manifestPath}' names no segment";
        var segment = Path.Combine(workDir, name);
        var info = new FileInfo(segment);
        if (!info.Exists)
            return $"its segment '{segment}' is missing";
        if (info.Length != found.Bytes)
            return $"its segment '{segment}' is truncated or damaged: it holds {info.Length} bytes, but {found.Bytes} were written";
        if (HashOf(segment) != found.Sha256)
            return $"its segment '{segment}' is damaged: its contents are not those written (SHA-256 differs)";
        return null;
    }

    public static string HashOf(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
