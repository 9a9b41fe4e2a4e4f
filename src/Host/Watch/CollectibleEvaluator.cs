using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// Evaluates a script the way <c>sc watch</c> needs: the compilation emitted with a portable PDB (so runtime errors name
/// the script line), guarded (<see cref="ScriptWeaver"/>: loops, recursion, Environment.Exit), loaded into a
/// <see cref="ScriptLoadContext"/>, and the submission's <c>&lt;Factory&gt;</c> run on the <see cref="ScriptWorker"/>
/// under a time limit. Roslyn's own <c>RunAsync</c> loads into the default context, which never unloads.
/// </summary>
internal sealed partial class CollectibleEvaluator(ScriptHost host, ScriptWorker worker)
{
    private static readonly EmitOptions Emit = new(debugInformationFormat: DebugInformationFormat.PortablePdb);
    private int _count;

    public async Task<CollectibleEvaluation> EvaluateAsync(string fullPath, ScriptArgs args, TimeSpan limit, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var folder = Path.GetDirectoryName(fullPath)!;
        var sources = new HashSet<string>(StringComparer.Ordinal) { fullPath };
        string code;
        try
        {
            code = await File.ReadAllTextAsync(fullPath, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(sources, clock.Elapsed, WatchDiagnostic.AtLine(fullPath, null, $"cannot read the script: {e.Message}"));
        }

        var resolver = new RecordingSourceResolver(folder);
        var compilation = host.Create(fullPath, code, resolver).GetCompilation();
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = compilation.Emit(pe, pdb, options: Emit, cancellationToken: cancellation);
        sources.UnionWith(compilation.SyntaxTrees.Select(t => t.FilePath).Where(p => p.Length > 0));
        sources.UnionWith(resolver.Requested);
        if (!emitted.Success)
            return Failed(sources, clock.Elapsed, [.. emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(WatchDiagnostic.From)]);

        var (image, symbols) = ScriptWeaver.Weave(pe.ToArray(), pdb.ToArray());
        var context = new ScriptLoadContext($"sc watch #{Interlocked.Increment(ref _count)} {Path.GetFileName(fullPath)}");
        var assembly = context.LoadFromStream(new MemoryStream(image), new MemoryStream(symbols));
        var guard = new ScriptGuardContext();
        ScriptWeaver.Attach(assembly, guard);
        var entryPoint = compilation.GetEntryPoint(cancellation)!;
        var factory = SubmissionEntry.Find(assembly, SubmissionEntry.TypeName(entryPoint), entryPoint.MetadataName);
        var compileTime = clock.Elapsed;

        var globals = new ScriptGlobals(args);
        WatchDiagnostic? error;
        try
        {
            error = await worker.RunAsync(() => Run(factory, globals, folder), limit, guard, cancellation).ConfigureAwait(false);
        }
        catch (ScriptTimeoutException e)
        {
            error = Describe(e);
        }
        if (error is not null)
        {
            // Unloading waits for the thread when it was abandoned; it never blocks here.
            Unload(context);
            return Failed(sources, clock.Elapsed, error);
        }
        return new CollectibleEvaluation(globals.Outputs, context, guard, [], sources, compileTime, clock.Elapsed - compileTime);
    }

    /// <summary>Runs the submission; returns the error as a diagnostic (never the exception, which would pin the context).</summary>
    private static WatchDiagnostic? Run(MethodInfo factory, ScriptGlobals globals, string folder)
    {
        try
        {
            using (MediaPaths.UseBaseDirectory(folder))
            {
                SubmissionEntry.Run(factory, globals);
            }
            return null;
        }
        catch (Exception e)
        {
            return Describe(e);
        }
    }

    private static WatchDiagnostic Describe(Exception e)
    {
        var (file, line) = ScriptHost.ScriptLineOf(e);
        if (e is ScriptTimeoutException timeout)
            return WatchDiagnostic.AtLine(file, line, timeout.Message);
        var runtime = new ScriptRuntimeException(file, line, e);
        var message = runtime.Message[(runtime.Message.IndexOf(": error: ", StringComparison.Ordinal) + ": error: ".Length)..];
        return WatchDiagnostic.AtLine(file, line, message);
    }

    private static CollectibleEvaluation Failed(IReadOnlyCollection<string> sources, TimeSpan elapsed, params WatchDiagnostic[] diagnostics) =>
        new([], null, null, diagnostics, sources, elapsed, TimeSpan.Zero);
}
