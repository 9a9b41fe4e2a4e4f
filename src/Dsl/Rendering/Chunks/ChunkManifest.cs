using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScriptComposer.Dsl.Rendering.Chunks;

/// <summary>
/// The small JSON file beside each chunk's segment: which chunk of which output of which render it is (its frames, the
/// encoder arguments, the <see cref="RenderIdentity"/>), and the segment as written (name, bytes, SHA-256). It is written
/// only once the segment is proven whole, so a chunk with a manifest that matches its segment is done.
/// </summary>
public sealed record ChunkManifest
{
    public const string CurrentFormat = "sc-chunk 1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Format { get; init; } = CurrentFormat;

    public required int Chunk { get; init; }

    public required int Chunks { get; init; }

    /// <summary>The output's place among the script's video outputs.</summary>
    public required int Output { get; init; }

    public required string OutputPath { get; init; }

    public required long FirstFrame { get; init; }

    public required long EndFrame { get; init; }

    public required string Fps { get; init; }

    /// <summary>The segment's ffmpeg arguments (paths left out): codec, size, rate, pixel format, container.</summary>
    public required string Encoding { get; init; }

    public required RenderIdentity Render { get; init; }

    /// <summary>The segment's file name in the work dir; null for a chunk without frames.</summary>
    public string? Segment { get; init; }

    public long Bytes { get; init; }

    public string? Sha256 { get; init; }

    [JsonIgnore]
    public long Frames => EndFrame - FirstFrame;

    /// <summary>What differs between the chunk this manifest describes and <paramref name="expected"/>; empty when it is the same chunk of the same render.</summary>
    public IReadOnlyList<string> Differences(ChunkManifest expected)
    {
        if (Format != expected.Format)
            return [$"it was written by another version of sc ({Format})"];
        var differences = new List<string>();
        if (Chunks != expected.Chunks)
            differences.Add($"it is one of {Chunks} chunks, not {expected.Chunks}");
        if (OutputPath != expected.OutputPath)
            differences.Add($"it is part of '{OutputPath}'");
        if (FirstFrame != expected.FirstFrame || EndFrame != expected.EndFrame || Fps != expected.Fps)
            differences.Add($"it holds frames {FirstFrame}-{EndFrame - 1} at {Fps} fps, not {expected.FirstFrame}-{expected.EndFrame - 1} at {expected.Fps}");
        if (Encoding != expected.Encoding)
            differences.Add("its encoder settings differ");
        differences.AddRange(expected.Render.Differences(Render));
        return differences;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The manifest in <paramref name="path"/>; null when the file is missing, throws <see cref="JsonException"/> (or an I/O error) when it cannot be read.</summary>
    public static ChunkManifest? Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<ChunkManifest>(File.ReadAllText(path), Json) ?? throw new JsonException("empty manifest") : null;
}
