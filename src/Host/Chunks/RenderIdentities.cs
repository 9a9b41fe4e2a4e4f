using System.Globalization;
using ScriptComposer.Dsl.Rendering.Chunks;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Chunks;

/// <summary>The <see cref="RenderIdentity"/> of an evaluated script: what each chunk records and the join checks.</summary>
internal static class RenderIdentities
{
    /// <summary>This build of sc: the host, the DSL and the backends, which together decide every pixel.</summary>
    private static readonly string Build = string.Join(' ',
        new[] { typeof(RenderIdentities), typeof(Dsl.Clip), typeof(Gpu.Rgba) }.Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N")));

    public static RenderIdentity Of(ScriptEvaluation evaluation, RenderRequest request, IEnumerable<ScriptOutput> outputs)
    {
        // The script's own sources by content (a save that changes nothing changes nothing); every other input by size and time.
        var sources = evaluation.InputFiles.Where(IsSource).Order(StringComparer.Ordinal).ToList();
        var scriptHash = CompiledScriptCache.Hash(string.Join('\n', sources.Select(s => $"{s}\n{CompiledScriptCache.HashText(s)}")));
        var inputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in evaluation.InputFiles.Where(f => !IsSource(f)).Concat(outputs.SelectMany(o => o.Clip.InputFiles())).Select(Path.GetFullPath).Distinct())
        {
            // Through symbolic links: a link's own size and time stay the same when the file it leads to is edited.
            var file = DiskCache.Followed(new FileInfo(path));
            inputs[path] = file.Exists ? SizeAndTime(file) + (file.FullName != path ? $", through a link to '{file.FullName}'" : "") : "missing";
        }
        return new RenderIdentity(scriptHash, new SortedDictionary<string, string>(request.Set.ToDictionary(), StringComparer.Ordinal), inputs, request.RangeText, Build);
    }

    /// <summary>A file's size and modification time, as a render's identity (and a batch row's result) keeps them: "1234 bytes, 2026-12-07T17:04:45.1234567Z".</summary>
    public static string SizeAndTime(FileInfo file) =>
        string.Create(CultureInfo.InvariantCulture, $"{file.Length} bytes, {file.LastWriteTimeUtc:O}");

    private static bool IsSource(string path) => path.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase);
}
