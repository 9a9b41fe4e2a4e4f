namespace ScriptComposer.Host.Watch;

/// <summary>
/// What the studio shows of a selected layer at a time: where it comes from, its size, where it is and how opaque (its
/// script's functions asked at that time), and what is done to it, outermost last.
/// </summary>
public sealed record LayerProperties(
    string Id,
    string Name,
    string Source,
    IReadOnlyList<string> Files,
    int Width,
    int Height,
    double Start,
    double End,
    double Time,
    bool Showing,
    int? X,
    int? Y,
    double? Opacity,
    IReadOnlyList<string> Effects);
