namespace ScriptComposer.Host.Watch;

/// <summary>
/// What the preview page shows after a reload: whether the last save evaluated, its diagnostics, and the timeline of
/// the last good evaluation (<see cref="Generation"/> counts good ones; the page keeps their frames on screen) with its
/// layers as <see cref="Tracks"/>.
/// </summary>
public sealed record PreviewState(
    int Reload,
    int Generation,
    bool Ok,
    string Script,
    IReadOnlyList<Scripting.ScriptDiagnostic> Diagnostics,
    double Duration,
    double Fps,
    int Width,
    int Height,
    double Time,
    double Scale,
    IReadOnlyList<TimelineMarker> Markers,
    double EvaluationMs,
    double FrameMs,
    double TotalMs,
    int AbandonedThreads,
    IReadOnlyList<TimelineTrack> Tracks);
