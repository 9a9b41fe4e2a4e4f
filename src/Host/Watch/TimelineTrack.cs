namespace ScriptComposer.Host.Watch;

/// <summary>
/// One layer of the previewed composite as the studio's timeline draws it: a bar from <see cref="Start"/> to
/// <see cref="End"/> seconds on its parent's timeline, named from the script, with its fades (seconds, 0 for none).
/// <see cref="Id"/> is its path of layer indexes ("2", or "2.0" inside a nested composite, whose layers are <see cref="Layers"/>).
/// </summary>
public sealed record TimelineTrack(
    string Id,
    string Name,
    string Kind,
    string Source,
    double Start,
    double End,
    bool HasPicture,
    bool HasSound,
    double FadeIn,
    double FadeOut,
    double CrossFadeIn,
    double CrossFadeOut,
    double AudioFadeIn,
    double AudioFadeOut,
    IReadOnlyList<TimelineTrack> Layers);
