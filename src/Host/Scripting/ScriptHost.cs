using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// Compiles and runs <c>.csx</c> scripts with Roslyn. The <see cref="ScriptOptions"/> (references, imports) are built
/// once per host; each script adds only its own path, so <c>#load</c> resolves relative to the file that names it.
/// </summary>
public sealed class ScriptHost
{
    /// <summary>Namespaces and static classes every script sees without a using.</summary>
    public static readonly ImmutableArray<string> Imports =
    [
        "System", "System.Linq", "System.Collections.Generic", "System.IO",
        "ScriptComposer.Dsl", "ScriptComposer.Dsl.Layout", "ScriptComposer.Dsl.Animation", "ScriptComposer.Dsl.Subtitles", "ScriptComposer.Gpu",
        "ScriptComposer.Dsl.Clips",
    ];

    private static readonly EmitOptions EmitWithSymbols = new(debugInformationFormat: DebugInformationFormat.PortablePdb);

    private readonly CompiledScriptCache _cache;

    private readonly ScriptOptions _options = ScriptOptions.Default
        .WithReferences(typeof(Clip).Assembly, typeof(Rgba).Assembly)
        .AddReferences(typeof(Enumerable).Assembly, typeof(ImmutableArray).Assembly)
        .WithImports(Imports)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(Encoding.UTF8)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithAllowUnsafe(false);

    // One resolver per script folder, kept for the host's life: Roslyn's resolver makes a new reference (and so new
    // metadata and symbols) for System.Runtime and the like on every compilation; the same reference objects let
    // every later compilation (each reload of sc watch) reuse them.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MetadataReferenceResolver> _resolvers = new(StringComparer.Ordinal);

    // Roslyn makes an InteractiveAssemblyLoader, with an AssemblyLoadContext that is never collected, for every script
    // created without one: one per reload of sc watch. The host never runs a script through it, so one serves all.
    private readonly InteractiveAssemblyLoader _loader = new();

    public ScriptHost()
        : this(CompiledScriptCache.Default)
    {
    }

    internal ScriptHost(CompiledScriptCache cache)
    {
        _cache = cache;
    }

    /// <summary>Compiles the script; throws <see cref="ScriptCompilationException"/> listing every error.</summary>
    public Script<object> Compile(string scriptPath)
    {
        var full = RequireScript(scriptPath);
        var script = Create(full, File.ReadAllText(full));
        var errors = script.Compile()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(DiagnosticHints.Format)
            .ToList();
        if (errors.Count > 0)
            throw new ScriptCompilationException(full, errors);
        return script;
    }

    /// <summary>
    /// Compiles the script (or takes its compiled image from the <see cref="CompiledScriptCache"/>), runs it, and returns
    /// the outputs it declared. Its code is guarded (<see cref="ScriptWeaver"/>): a loop or method of the script that is
    /// running when <paramref name="cancellation"/> is cancelled throws <see cref="OperationCanceledException"/>, here and,
    /// through <see cref="ScriptEvaluation.Guard"/>, while its outputs render.
    /// </summary>
    public ScriptEvaluation Evaluate(string scriptPath, ScriptArgs args, CancellationToken cancellation = default)
    {
        var full = RequireScript(scriptPath);
        var clock = Stopwatch.StartNew();
        var (compiled, fromCache) = CompileToImage(full);
        var context = new ScriptAssemblyContext($"sc script {Path.GetFileName(full)}", compiled.References);
        var assembly = context.LoadFromStream(new MemoryStream(compiled.Image), new MemoryStream(compiled.Symbols));
        var guard = new ScriptGuardContext();
        ScriptWeaver.Attach(assembly, guard);
        var factory = SubmissionEntry.Find(assembly, compiled.EntryType, compiled.EntryMethod);
        var compileTime = clock.Elapsed;

        var globals = new ScriptGlobals(args);
        var read = new List<string>();
        var warnings = new ScriptWarnings();
        clock.Restart();
        using (ScriptWarnings.Collect(warnings))
        using (MediaPaths.UseBaseDirectory(Path.GetDirectoryName(full)!))
        using (MediaPaths.RecordReads(read))
        using (guard.StopOn(cancellation))
        {
            try
            {
                SubmissionEntry.Run(factory, globals);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                context.Unload();
                throw;
            }
            catch (Exception e)
            {
                // The line first: the symbols of an unloading context can no longer be read.
                var (file, line) = ScriptLineOf(e);
                context.Unload();
                throw new ScriptRuntimeException(file, line, e);
            }
        }
        // What no output may overwrite besides the clips' media: the script, its #loads and #r assemblies, and what it read.
        var inputs = compiled.Sources.Select(s => s.Path).Concat(compiled.References.Select(r => r.Path)).Append(full).Concat(read)
            .Distinct(StringComparer.Ordinal).ToList();
        return new ScriptEvaluation(full, globals.Outputs, compileTime, clock.Elapsed, fromCache) { InputFiles = inputs, Guard = guard, LoadContext = context, Warnings = warnings.Messages };
    }

    /// <summary>The script compiled with its symbols: from the cache while nothing it was compiled from has changed, else by Roslyn.</summary>
    private (CompiledScript Script, bool FromCache) CompileToImage(string full)
    {
        var code = File.ReadAllText(full);
        if (_cache.TryLoad(full, code) is { } cached)
            return (cached, true);
        var compilation = Create(full, code).GetCompilation();
        using var image = new MemoryStream();
        using var symbols = new MemoryStream();
        var emitted = compilation.Emit(image, symbols, options: EmitWithSymbols);
        if (!emitted.Success)
            throw new ScriptCompilationException(full, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(DiagnosticHints.Format).ToList());
        var (woven, wovenSymbols) = ScriptWeaver.Weave(image.ToArray(), symbols.ToArray());
        var entry = compilation.GetEntryPoint(CancellationToken.None)!;
        var sources = compilation.SyntaxTrees
            .Where(t => t.FilePath.Length > 0)
            .Select(t => new ScriptInput(t.FilePath, CompiledScriptCache.Hash(t.GetText().ToString())))
            .ToList();
        var references = compilation.DirectiveReferences
            .OfType<PortableExecutableReference>()
            .Where(r => r.FilePath is not null)
            .Select(r => new ScriptInput(r.FilePath!, CompiledScriptCache.HashFile(r.FilePath!) ?? ""))
            .ToList();
        var compiled = new CompiledScript(woven, wovenSymbols, SubmissionEntry.TypeName(entry), entry.MetadataName, sources, references);
        _cache.Store(full, code, compiled);
        return (compiled, false);
    }

    private static string RequireScript(string scriptPath)
    {
        var full = Path.GetFullPath(scriptPath);
        if (!File.Exists(full))
            throw new ScriptComposerException(Directory.Exists(full)
                ? $"'{scriptPath}' is a folder. Give the path of a .csx script."
                : $"The script '{scriptPath}' does not exist. Check the path, or start from scripts/hello.csx.");
        return full;
    }

    /// <summary>
    /// The script for <paramref name="code"/> as if it were the file <paramref name="fullPath"/>, not yet compiled, with
    /// the host's shared options. <paramref name="sourceResolver"/> replaces how <c>#load</c> reads files (the default
    /// reads them relative to the script's folder); <paramref name="extraReferences"/> are added to the references.
    /// </summary>
    public Script<object> Create(string fullPath, string code, SourceReferenceResolver? sourceResolver = null,
        IEnumerable<MetadataReference>? extraReferences = null)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        var options = _options
            .WithFilePath(fullPath)
            .WithSourceResolver(sourceResolver ?? new SourceFileResolver(ImmutableArray<string>.Empty, folder))
            .WithMetadataResolver(_resolvers.GetOrAdd(folder, f => new CachingMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(f))));
        if (extraReferences is not null)
            options = options.AddReferences(extraReferences);
        return CSharpScript.Create(code, options, typeof(ScriptGlobals), _loader);
    }

    /// <summary>The innermost frame of a <c>.csx</c> file in the exception's stack: where the script called what threw.</summary>
    internal static (string? File, int? Line) ScriptLineOf(Exception exception)
    {
        // Known without the stack trace, which for a recursion is too deep to build quickly.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ScriptRecursionException { File: { } recursedIn, Line: { } recursedAt })
                return (recursedIn, recursedAt);
        }
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var frames = new StackTrace(e, fNeedFileInfo: true).GetFrames();
            foreach (var frame in frames)
            {
                var file = frame.GetFileName();
                if (file is not null && file.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) && frame.GetFileLineNumber() > 0)
                    return (file, frame.GetFileLineNumber());
            }
        }
        return (null, null);
    }
}
