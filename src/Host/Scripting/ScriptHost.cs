using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// The one script evaluator: compiles <c>.csx</c> scripts with Roslyn (or takes them compiled from the
/// <see cref="CompiledScriptCache"/>), loads and runs them, for <c>render</c>, <c>frame</c>, <c>check</c>, <c>bench</c> and
/// <c>watch</c> alike; how is <see cref="ScriptEvaluationOptions"/>' to say, and every error is a <see cref="ScriptDiagnostic"/>.
/// The references and imports are made once; each script adds only its own path, so
/// <c>#load</c> resolves relative to the file that names it.
/// </summary>
public sealed class ScriptHost
{
    /// <summary>Namespaces and static classes every script sees without a using.</summary>
    public static readonly ImmutableArray<string> Imports =
    [
        "System", "System.Linq", "System.Collections.Generic", "System.IO",
        "ScriptComposer.Dsl", "ScriptComposer.Dsl.Layout", "ScriptComposer.Dsl.Animation", "ScriptComposer.Dsl.Subtitles", "ScriptComposer.Dsl.Transitions", "ScriptComposer.Gpu",
        "ScriptComposer.Dsl.Clips",
    ];

    private static readonly EmitOptions EmitWithSymbols = new(debugInformationFormat: DebugInformationFormat.PortablePdb);

    private readonly CompiledScriptCache _cache;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script);

    // Made once and handed to every compilation as the same objects, so that Roslyn builds the symbols of these
    // assemblies (the runtime's core library, the DSL, LINQ) once and reuses them in every later compilation: each reload
    // of sc watch binds only the script. Roslyn's scripting API (CSharpScript.Create) makes a new reference to the core
    // library and to the globals type's assembly for every compilation instead, so each compilation read their images
    // again and decoded every type it touched anew: most of a reload's time (bench/RESULTS.md, issue 18).
    // Besides those, the assemblies Roslyn's scripting gives every script by default (ScriptOptions.Default: the console,
    // processes, collections, regular expressions, threads...), so scripts see the same framework as before.
    private static readonly string[] DefaultFramework =
    [
        "System.Collections", "System.Collections.Concurrent", "System.Console", "System.Diagnostics.Debug", "System.Diagnostics.Process",
        "System.Diagnostics.StackTrace", "System.Globalization", "System.IO", "System.IO.FileSystem", "System.IO.FileSystem.Primitives",
        "System.Reflection", "System.Reflection.Extensions", "System.Reflection.Primitives", "System.Runtime", "System.Runtime.Extensions",
        "System.Runtime.InteropServices", "System.Text.Encoding", "System.Text.Encoding.CodePages", "System.Text.Encoding.Extensions",
        "System.Text.RegularExpressions", "System.Threading", "System.Threading.Tasks", "System.Threading.Tasks.Parallel",
        "System.Threading.Thread", "System.ValueTuple",
    ];

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. new[] { typeof(object).Assembly, typeof(Clip).Assembly, typeof(Rgba).Assembly, typeof(Enumerable).Assembly, typeof(ImmutableArray).Assembly }
            .Select(a => a.Location)
            .Concat(DefaultFramework.Select(name => Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, name + ".dll")).Where(File.Exists))
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)),
    ];

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        scriptClassName: "Submission#0",
        usings: Imports,
        optimizationLevel: OptimizationLevel.Release,
        checkOverflow: false,
        allowUnsafe: false,
        warningLevel: 4,
        assemblyIdentityComparer: DesktopAssemblyIdentityComparer.Default);

    private int _compilations;

    // One resolver per script folder, kept for the host's life: Roslyn's resolver makes a new reference (and so new
    // metadata and symbols) for System.Runtime and the like on every compilation; the same reference objects let
    // every later compilation (each reload of sc watch) reuse them.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MetadataReferenceResolver> _resolvers = new(StringComparer.Ordinal);

    public ScriptHost()
        : this(CompiledScriptCache.Default)
    {
    }

    internal ScriptHost(CompiledScriptCache cache)
    {
        _cache = cache;
    }

    /// <summary>
    /// Compiles the script without running it, as <c>sc check</c> does (a script unchanged since it was compiled is found
    /// compiled in the <see cref="CompiledScriptCache"/>); throws <see cref="ScriptCompilationException"/> listing every error.
    /// </summary>
    public void Compile(string scriptPath) => Build(RequireScript(scriptPath), ScriptEvaluationOptions.Default, CancellationToken.None);

    /// <summary>
    /// Compiles the script (or takes its compiled image from the <see cref="CompiledScriptCache"/>), runs it, and returns
    /// the outputs it declared. Its code is guarded (<see cref="ScriptWeaver"/>): a loop or method of the script that is
    /// running when <paramref name="cancellation"/> is cancelled throws <see cref="OperationCanceledException"/>, here and,
    /// through <see cref="ScriptEvaluation.Guard"/>, while its outputs render.
    /// </summary>
    /// <exception cref="ScriptCompilationException">The script does not compile.</exception>
    /// <exception cref="ScriptRuntimeException">The script threw; its <see cref="ScriptRuntimeException.Diagnostic"/> says where.</exception>
    public ScriptEvaluation Evaluate(string scriptPath, ScriptArgs args, CancellationToken cancellation = default) =>
        Evaluate(scriptPath, args, ScriptEvaluationOptions.Default, cancellation);

    /// <summary><see cref="Evaluate(string, ScriptArgs, CancellationToken)"/> with other <paramref name="options"/> (unguarded, not collectible, not cached).</summary>
    public ScriptEvaluation Evaluate(string scriptPath, ScriptArgs args, ScriptEvaluationOptions options, CancellationToken cancellation = default)
    {
        var script = Load(scriptPath, options, cancellation);
        using (script.Guard.StopOn(cancellation))
            return Run(script, args, cancellation);
    }

    /// <summary>
    /// Everything before the script's code runs: the script compiled (or taken from the cache), loaded into a context of its
    /// own, its guards attached. <see cref="Run"/> runs it.
    /// </summary>
    /// <exception cref="ScriptComposerException">There is no script to read at <paramref name="scriptPath"/>.</exception>
    /// <exception cref="ScriptCompilationException">The script does not compile; it names the files a fix could be in.</exception>
    internal LoadedScript Load(string scriptPath, ScriptEvaluationOptions options, CancellationToken cancellation)
    {
        var full = RequireScript(scriptPath);
        var clock = Stopwatch.StartNew();
        var (compiled, fromCache) = Build(full, options, cancellation);
        var context = new ScriptAssemblyContext($"{options.ContextName} {Path.GetFileName(full)}", compiled.References, options.Collectible);
        var assembly = context.LoadFromStream(new MemoryStream(compiled.Image), new MemoryStream(compiled.Symbols));
        var guard = new ScriptGuardContext();
        if (options.Guarded)
            ScriptWeaver.Attach(assembly, guard);
        var factory = SubmissionEntry.Find(assembly, compiled.EntryType, compiled.EntryMethod);
        return new LoadedScript(full, compiled, fromCache, context, guard, factory, clock.Elapsed);
    }

    /// <summary>
    /// Runs a loaded script to its end on this thread, its relative paths resolved from its folder, and returns what it
    /// declared. What stops it (cancellation, a time limit) is the caller's to set on <see cref="LoadedScript.Guard"/>; a
    /// cancellation of <paramref name="cancellation"/> comes out as it is, any other error as a
    /// <see cref="ScriptRuntimeException"/> at the script's line. Either way the script's code is unloaded.
    /// </summary>
    internal ScriptEvaluation Run(LoadedScript script, ScriptArgs args, CancellationToken cancellation = default)
    {
        var globals = new ScriptGlobals(args);
        var read = new List<string>();
        var warnings = new ScriptWarnings();
        var clock = Stopwatch.StartNew();
        using (ScriptWarnings.Collect(warnings))
        using (MediaPaths.UseBaseDirectory(Path.GetDirectoryName(script.FullPath)!))
        using (MediaPaths.RecordReads(read))
        {
            try
            {
                SubmissionEntry.Run(script.Factory, globals);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                script.Unload();
                throw;
            }
            catch (Exception e)
            {
                // Described first: the symbols of an unloading context can no longer be read.
                var diagnostic = ScriptDiagnostic.Thrown(e);
                script.Unload();
                string[] tried;
                lock (read) tried = [.. read];
                throw new ScriptRuntimeException(diagnostic, e) { FilesRead = tried };
            }
        }
        // What no output may overwrite besides the clips' media: the script, its #loads and #r assemblies, and what it read.
        var compiled = script.Compiled;
        var inputs = compiled.Sources.Select(s => s.Path).Concat(compiled.References.Select(r => r.Path)).Append(script.FullPath).Concat(read)
            .Distinct(StringComparer.Ordinal).ToList();
        // The script's code runs again as its outputs render (its lambdas): relative paths there resolve from its folder too.
        var folder = Path.GetDirectoryName(script.FullPath)!;
        var outputs = globals.Outputs.Select(o => o with { BaseDirectory = folder }).ToList();
        return new ScriptEvaluation(script.FullPath, outputs, script.CompileTime, clock.Elapsed, script.FromCache)
        {
            InputFiles = inputs,
            SourceFiles = script.SourceFiles,
            Guard = script.Guard,
            Script = script,
            Warnings = warnings.Messages,
        };
    }

    /// <summary>The script compiled with its symbols (and guards): from the cache while nothing it was compiled from has changed, else by Roslyn.</summary>
    private (CompiledScript Script, bool FromCache) Build(string full, ScriptEvaluationOptions options, CancellationToken cancellation)
    {
        var code = ReadScript(full);
        if (options.Cached && _cache.TryLoad(full, code, options.Guarded) is { } cached)
            return (cached, true);
        var resolver = new RecordingSourceResolver(Path.GetDirectoryName(full)!);
        var compilation = CreateCompilation(full, code, resolver);
        using var image = new MemoryStream();
        using var symbols = new MemoryStream();
        var emitted = compilation.Emit(image, symbols, options: EmitWithSymbols, cancellationToken: cancellation);
        // Roslyn emits no submission for a script of only comments and blank lines, and fails with no error to show.
        if (!emitted.Success && !emitted.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new ScriptComposerException($"{full} has no code, so it declares no output. End it with Render(clip, \"out/video.mp4\") or SaveFrame(clip, t, \"frame.png\").");
        if (!emitted.Success)
        {
            var files = compilation.SyntaxTrees.Select(t => t.FilePath).Where(p => p.Length > 0).Concat(resolver.Requested).Prepend(full)
                .Distinct(StringComparer.Ordinal).ToList();
            throw new ScriptCompilationException(full, [.. emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(ScriptDiagnostic.From)], files);
        }
        var (woven, wovenSymbols) = options.Guarded ? ScriptWeaver.Weave(image.ToArray(), symbols.ToArray()) : (image.ToArray(), symbols.ToArray());
        var entry = compilation.GetEntryPoint(cancellation)!;
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
        if (options.Cached)
            _cache.Store(full, code, compiled, options.Guarded);
        return (compiled, false);
    }

    private static string ReadScript(string full)
    {
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScriptComposerException($"The script '{full}' cannot be read: {e.Message} Check that it is there and readable, then try again.", e);
        }
    }

    private static string RequireScript(string scriptPath)
    {
        if (string.IsNullOrWhiteSpace(scriptPath))
            throw new ScriptComposerException(EmptyScriptPath);
        var full = Path.GetFullPath(scriptPath);
        if (!File.Exists(full))
            throw new ScriptComposerException(Directory.Exists(full)
                ? $"'{scriptPath}' is a folder. Give the path of a .csx script."
                : $"The script '{scriptPath}' does not exist. Check the path, or start from scripts/hello.csx.");
        // A video or picture given where the script goes would otherwise be compiled, one C# error per odd byte.
        var media = MediaExtensions.Contains(Path.GetExtension(full));
        if (media || HoldsBinaryData(full))
        {
            var name = Path.GetFileName(full);
            throw new ScriptComposerException(
                $"'{scriptPath}' is {(media ? "a media file" : "binary data")}, not a C# script. sc runs a .csx script that declares its outputs, " +
                $"such as scripts/hello.csx{(media ? $"; to use {name}, name it in one: Render(Video(\"{name}\"), \"out.mp4\") (or Image(...), Audio(...))" : "")}.");
        }
        return full;
    }

    /// <summary>What an empty script path is told.</summary>
    internal const string EmptyScriptPath = "The script path is empty. Give the path of a .csx script, such as scripts/hello.csx.";

    private static readonly HashSet<string> MediaExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".ts", ".mts", ".nut", ".flv", ".wmv", ".mpg", ".mpeg",
        ".gif", ".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff",
        ".wav", ".mp3", ".flac", ".ogg", ".opus", ".m4a", ".aac",
    };

    /// <summary>Whether the file's start holds a NUL byte, which no script's text has (a UTF-16 or UTF-32 text starts with its byte order mark).</summary>
    private static bool HoldsBinaryData(string full)
    {
        try
        {
            using var file = File.OpenRead(full);
            var start = new byte[8192];
            var length = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            var bytes = start.AsSpan(0, length);
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
                return false;
            return bytes.Contains((byte)0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // reading it again is what says why it cannot be read
        }
    }

    /// <summary>
    /// The compilation of <paramref name="code"/> as the script file <paramref name="fullPath"/>, as every command compiles
    /// it: a script submission with <see cref="ScriptGlobals"/> as its host object, <see cref="Imports"/>, and references
    /// to .NET, the DSL and whatever its <c>#r</c> lines name. <paramref name="sourceResolver"/> replaces how <c>#load</c>
    /// reads files (the default reads them relative to the script's folder).
    /// </summary>
    public CSharpCompilation CreateCompilation(string fullPath, string code, SourceReferenceResolver? sourceResolver = null)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        // Encoded, as the symbols need it (their checksum of each source file).
        var tree = CSharpSyntaxTree.ParseText(SourceText.From(code, Encoding.UTF8), ParseOptions, fullPath);
        var options = CompilationOptions
            .WithSourceReferenceResolver(sourceResolver ?? new SourceFileResolver(ImmutableArray<string>.Empty, folder))
            .WithMetadataReferenceResolver(_resolvers.GetOrAdd(folder, f => new CachingMetadataResolver(new OwnAssemblyReferences(ScriptMetadataResolver.Default.WithBaseDirectory(f)))));
        // A name of its own for each compilation, as Roslyn's scripting gives each submission.
        var name = string.Create(CultureInfo.InvariantCulture, $"sc-script-{Interlocked.Increment(ref _compilations)}-{Guid.NewGuid():N}");
        return CSharpCompilation.CreateScriptCompilation(name, tree, References, options, previousScriptCompilation: null,
            returnType: typeof(object), globalsType: typeof(ScriptGlobals));
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
                // Top-level code faulting in a throw block the JIT shares (an index out of range) has no line: its statement does.
                if (ScriptWeaver.StatementOf(frame.GetMethod()) is { } statement)
                    return statement;
            }
        }
        return (null, null);
    }
}
