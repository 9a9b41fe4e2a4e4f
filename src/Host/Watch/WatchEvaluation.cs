using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// One evaluation of the watched script: the evaluation when it succeeded (its outputs' clips may hold the script's
/// lambdas, so its collectible context lives as long as they are used), or why it failed; and the files a change to
/// which should evaluate it again (the script and every file its <c>#load</c>s named, found or not; for a failed one, the
/// media it read or tried to read too, as the clips of a good one name theirs).
/// </summary>
internal sealed record WatchEvaluation(ScriptEvaluation? Evaluation, IReadOnlyList<ScriptDiagnostic> Diagnostics, IReadOnlyCollection<string> SourceFiles)
{
    public IReadOnlyCollection<string> FilesRead { get; init; } = [];

    public bool Succeeded => Evaluation is not null;
}
