using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// Where a render started from the studio page stands: <see cref="State"/> is "idle", "running", "done" or "failed";
/// <see cref="Progress"/> runs from 0 to 1 over all the script's outputs; <see cref="Outputs"/> are the files written
/// (relative to the script's folder, or in full when outside it), offered by the page once done where <see cref="Downloadable"/>
/// says so; <see cref="Diagnostics"/> say why it failed.
/// </summary>
public sealed record RenderStatus(
    int Number,
    string State,
    double Progress,
    long FramesDone,
    long FramesTotal,
    double ElapsedSeconds,
    double? EtaSeconds,
    string Current,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<ScriptDiagnostic> Diagnostics)
{
    /// <summary>For each of <see cref="Outputs"/>, whether the server sends it (<c>/output?n=</c>): only files inside the script's folder.</summary>
    public IReadOnlyList<bool> Downloadable { get; init; } = [];

    public static RenderStatus Idle { get; } = new(0, "idle", 0, 0, 0, 0, null, "", [], []);
}
