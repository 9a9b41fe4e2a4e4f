using ScriptComposer.Dsl.Scripting;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// One evaluation of a script in its own collectible context: the outputs it declared (whose clips may hold the
/// script's lambdas, so the context lives as long as they are used) and what stops that code, or why it failed.
/// </summary>
internal sealed record CollectibleEvaluation(
    IReadOnlyList<ScriptOutput> Outputs,
    ScriptLoadContext? Context,
    ScriptGuardContext? Guard,
    IReadOnlyList<WatchDiagnostic> Diagnostics,
    IReadOnlyCollection<string> SourceFiles,
    TimeSpan CompileTime,
    TimeSpan RunTime)
{
    public bool Succeeded => Diagnostics.Count == 0;
}
