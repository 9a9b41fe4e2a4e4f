using ScriptComposer.Dsl;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Watch;

public sealed partial class WatchSession
{
    private readonly ScriptHost _host;
    private readonly List<WeakReference> _unloaded = [];
    private int _contexts;

    /// <summary>Weak references to the load contexts of evaluations that were replaced or failed (dead ones are dropped past a thousand).</summary>
    internal IReadOnlyList<WeakReference> UnloadedContexts { get { lock (_unloaded) return [.. _unloaded]; } }

    /// <summary>
    /// Evaluates the script as every command does (<see cref="ScriptHost"/>: cached, guarded, in a collectible context), its
    /// code run on the <see cref="ScriptWorker"/> under the time limit. Errors come back as diagnostics, never as exceptions,
    /// which would hold on to the script's context.
    /// </summary>
    private async Task<WatchEvaluation> EvaluateAsync(CancellationToken cancellation)
    {
        var options = ScriptEvaluationOptions.Default with { ContextName = $"sc watch #{Interlocked.Increment(ref _contexts)}" };
        LoadedScript script;
        try
        {
            script = _host.Load(ScriptPath, options, cancellation);
        }
        catch (ScriptCompilationException e)
        {
            return new WatchEvaluation(null, e.Diagnostics, e.SourceFiles);
        }
        catch (ScriptComposerException e)
        {
            return new WatchEvaluation(null, [ScriptDiagnostic.AtLine(ScriptPath, null, e.Message)], [ScriptPath]);
        }

        (ScriptEvaluation? Evaluation, ScriptDiagnostic? Error, IReadOnlyList<string> Read) outcome;
        try
        {
            outcome = await _worker.RunAsync(() => Run(_host, script, _options), _options.TimeLimit, script.Guard, cancellation).ConfigureAwait(false);
        }
        catch (ScriptTimeoutException e)
        {
            // Abandoned: the script would not stop. Unloading waits for its thread; it never blocks here.
            outcome = (null, ScriptDiagnostic.Thrown(e), []);
        }
        if (outcome.Evaluation is not { } evaluation)
        {
            Unload(script);
            return new WatchEvaluation(null, [outcome.Error!], script.SourceFiles) { FilesRead = outcome.Read };
        }
        return new WatchEvaluation(evaluation, [], script.SourceFiles);
    }

    /// <summary>Runs the script on the worker; its error comes back as a diagnostic (the exception would pin the context).</summary>
    private static (ScriptEvaluation?, ScriptDiagnostic?, IReadOnlyList<string>) Run(ScriptHost host, LoadedScript script, WatchOptions options)
    {
        try
        {
            return (host.Run(script, options.Args), null, []);
        }
        catch (ScriptRuntimeException e)
        {
            return (null, e.Diagnostic, e.FilesRead);
        }
    }

    /// <summary>Starts unloading a script's code, and keeps a weak reference to its context to tell when it is gone.</summary>
    private void Unload(LoadedScript script)
    {
        script.Unload();
        lock (_unloaded)
        {
            if (_unloaded.Count >= 1000)
                _unloaded.RemoveAll(w => !w.IsAlive);
            _unloaded.Add(new WeakReference(script.Context));
        }
    }
}
