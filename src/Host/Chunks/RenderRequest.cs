using System.Globalization;
using System.Text.Json;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;

namespace ScriptComposer.Host.Chunks;

/// <summary>
/// A render as the command line asked for it (the script, <c>--set</c>, <c>-o</c>, the range and frame-rate options, the
/// backend) and how many chunks it is cut into: what every chunk process and the join need to evaluate the same script the
/// same way. Kept in the work dir as <c>render.json</c>, so <c>sc join DIR</c> needs nothing else.
/// </summary>
internal sealed record RenderRequest
{
    public const string FileName = "render.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public required string Script { get; init; }

    public IReadOnlyDictionary<string, string> Set { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>-o</c>, as a full path; null for the script's own.</summary>
    public string? Output { get; init; }

    public double? From { get; init; }

    public double? To { get; init; }

    public double? Fps { get; init; }

    public string Backend { get; init; } = "auto";

    public int Chunks { get; init; } = 1;

    /// <summary>For a batch render: the table, as a full path (each chunk is then a group of its rows).</summary>
    public string? Batch { get; init; }

    /// <summary>For a batch render: <c>-o</c>, a pattern such as <c>/full/out/{name}.mp4</c>.</summary>
    public string? OutputPattern { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public RenderRange Range => new(From, To, Fps);

    /// <summary>The options that pick the frames, as they enter a render's identity.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string RangeText => string.Create(CultureInfo.InvariantCulture, $"from={From?.ToString("R", CultureInfo.InvariantCulture)} to={To?.ToString("R", CultureInfo.InvariantCulture)} fps={Fps?.ToString("R", CultureInfo.InvariantCulture)} o={Output}");

    /// <summary>The arguments of <c>sc render</c> that render this request (without <c>--chunk</c> and the like).</summary>
    public IReadOnlyList<string> RenderArguments()
    {
        var args = new List<string> { "render", Script, "--backend", Backend };
        // One word each, so that a key such as "-o" or "@handle" (a batch table's column) is never read as an option or a response file.
        foreach (var (key, value) in Set) args.Add($"--set={key}={value}");
        if (Output is not null) args.AddRange(["-o", Output]);
        if (Batch is not null) args.AddRange(["--batch", Batch]);
        if (OutputPattern is not null) args.AddRange(["-o", OutputPattern]);
        if (From is { } from) args.AddRange(["--from", from.ToString("R", CultureInfo.InvariantCulture)]);
        if (To is { } to) args.AddRange(["--to", to.ToString("R", CultureInfo.InvariantCulture)]);
        if (Fps is { } fps) args.AddRange(["--fps", fps.ToString("R", CultureInfo.InvariantCulture)]);
        return args;
    }

    /// <summary>
    /// Whether <paramref name="other"/> is this render, perhaps changed (other values, outputs, range or chunk count, which
    /// the chunks' manifests and the rows' results tell apart, so only what changed renders again): the same script, over
    /// the same table. Another render must not take over its work dir.
    /// </summary>
    public bool IsSameRenderAs(RenderRequest other) => Script == other.Script && Batch == other.Batch;

    /// <summary>A few hex digits that tell this render's default work dir from another's beside the same file: a hash of the script, the table and the outputs.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Tag =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\0', Script, Output, Batch, OutputPattern))))[..8];

    /// <summary>"s.csx --batch rows.csv -o 'out/{name}.mp4'", for messages that name a render.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Description =>
        string.Join(' ', new[] { Script }.Concat(Batch is not null ? ["--batch", Batch] : []).Concat((OutputPattern ?? Output) is { } o ? ["-o", o] : []).Select(ShellQuote.Quote));

    /// <summary>The arguments that render chunk <paramref name="chunk"/> into <paramref name="workDir"/>.</summary>
    public IReadOnlyList<string> ChunkArguments(string chunk, string workDir) => [.. RenderArguments(), "--chunk", chunk, "--work-dir", workDir];

    public void Write(string workDir) =>
        Dsl.Media.OutputFile.WriteAtomically(Path.Combine(workDir, FileName), temporary => File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json)));

    /// <summary>The request kept in <paramref name="workDir"/>; a clear error when there is none.</summary>
    public static RenderRequest Read(string workDir)
    {
        var path = Path.Combine(workDir, FileName);
        if (File.Exists(workDir))
            throw new Dsl.ScriptComposerException(
                $"'{workDir}' is a file, not a work dir: sc join takes the folder that sc render --chunk I/N or --slurm wrote its chunks to (its --work-dir). " +
                (workDir.EndsWith(".csx", StringComparison.OrdinalIgnoreCase)
                    ? $"To render this script in chunks: sc render {ShellQuote.Quote(workDir)} --chunk 0/2 --work-dir chunks, then --chunk 1/2, then sc join chunks (or sc render {ShellQuote.Quote(workDir)} --jobs 2 does it all)."
                    : "Give that folder instead."));
        if (!Directory.Exists(workDir))
            throw new Dsl.ScriptComposerException($"The work dir '{workDir}' does not exist. Give the folder that sc render --chunk or --slurm wrote its chunks to (--work-dir).");
        if (!File.Exists(path))
            throw new Dsl.ScriptComposerException($"'{workDir}' holds no {FileName}, so it is not the work dir of a chunked render (or none of its chunks has started). Render chunks into it first: sc render SCRIPT --chunk I/N --work-dir {ShellQuote.Quote(workDir)}.");
        try
        {
            return JsonSerializer.Deserialize<RenderRequest>(File.ReadAllText(path), Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new Dsl.ScriptComposerException($"'{path}' cannot be read ({e.Message}). Render the chunks again into an empty work dir.", e);
        }
    }
}
