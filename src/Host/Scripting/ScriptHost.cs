using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
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

    /// <summary>Compiles the script; throws <see cref="ScriptCompilationException"/> listing every error.</summary>
    public Script<object> Compile(string scriptPath)
    {
        var (script, _) = CompileTimed(scriptPath);
        return script;
    }

    /// <summary>Compiles and runs the script, and returns the outputs it declared.</summary>
    public ScriptEvaluation Evaluate(string scriptPath, ScriptArgs args)
    {
        var (script, compileTime) = CompileTimed(scriptPath);
        var full = Path.GetFullPath(scriptPath);
        var globals = new ScriptGlobals(args);
        var clock = Stopwatch.StartNew();
        using (MediaPaths.UseBaseDirectory(Path.GetDirectoryName(full)!))
        {
            try
            {
                script.RunAsync(globals).GetAwaiter().GetResult();
            }
            catch (CompilationErrorException e)
            {
                throw new ScriptCompilationException(full, e.Diagnostics.Select(d => d.ToString()).ToList());
            }
            catch (Exception e)
            {
                var (file, line) = ScriptLineOf(e);
                throw new ScriptRuntimeException(file, line, e);
            }
        }
        return new ScriptEvaluation(full, globals.Outputs, compileTime, clock.Elapsed);
    }

    private (Script<object> Script, TimeSpan Elapsed) CompileTimed(string scriptPath)
    {
        var full = Path.GetFullPath(scriptPath);
        if (!File.Exists(full))
            throw new ScriptComposerException(Directory.Exists(full)
                ? $"'{scriptPath}' is a folder. Give the path of a .csx script."
                : $"The script '{scriptPath}' does not exist. Check the path, or start from scripts/hello.csx.");
        var clock = Stopwatch.StartNew();
        var code = File.ReadAllText(full);
        var script = Create(full, code);
        var errors = script.Compile()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToList();
        if (errors.Count > 0)
            throw new ScriptCompilationException(full, errors);
        return (script, clock.Elapsed);
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
        return CSharpScript.Create(code, options, typeof(ScriptGlobals));
    }

    /// <summary>The innermost frame of a <c>.csx</c> file in the exception's stack: where the script called what threw.</summary>
    internal static (string? File, int? Line) ScriptLineOf(Exception exception)
    {
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
