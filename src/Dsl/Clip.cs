using ScriptComposer.Dsl.Layout;

namespace ScriptComposer.Dsl;

/// <summary>
/// An immutable node of the clip graph: a picture of a fixed size that changes over its own time, placed on a
/// parent's timeline and canvas. Fluent methods validate their arguments at once and return a new clip.
/// </summary>
public abstract partial record Clip
{
    public abstract int Width { get; }

    public abstract int Height { get; }

    /// <summary>How long the clip lasts, in seconds; null when it lasts as long as its parent (images, colors).</summary>
    public double? Duration { get; init; }

    /// <summary>When the clip begins on its parent's timeline, in seconds.</summary>
    public double Start { get; init; }

    /// <summary>When the clip ends on its parent's timeline; null when it has no duration.</summary>
    public double? End => Start + Duration;

    /// <summary>Where the source's own time stands at the clip's start (set by <see cref="Subclip"/>).</summary>
    public double SourceOffset { get; init; }

    /// <summary>How much source time there is from the start of the source, or null when the source never ends.</summary>
    public virtual double? SourceLength => null;

    public Position Position { get; init; } = Pos.TopLeft;

    public float OpacityFactor { get; init; } = 1f;

    /// <summary>An opacity that changes over the clip's own time, multiplied with <see cref="OpacityFactor"/>.</summary>
    public Func<double, double>? OpacityCurve { get; init; }

    /// <summary>Seconds over which the clip's opacity rises from 0 at its start (moviepy's <c>crossfadein</c>).</summary>
    public double? CrossFadeInDuration { get; init; }

    /// <summary>Seconds over which the clip's opacity falls to 0 at its end (moviepy's <c>crossfadeout</c>).</summary>
    public double? CrossFadeOutDuration { get; init; }

    /// <summary>
    /// A clip of the same size whose luminance scales this clip's alpha. It runs on this clip's time from its own
    /// <see cref="Start"/> (its first frame before then), and a later <see cref="Subclip"/> cuts it with the clip.
    /// </summary>
    public Clip? Mask { get; init; }

    public Fade? FadeInEffect { get; init; }

    public Fade? FadeOutEffect { get; init; }

    /// <summary>False for sound-only clips, which a composite mixes but does not draw.</summary>
    public virtual bool HasPicture => true;

    /// <summary>The volume of the clip's sound, multiplied with the volume of everything it is part of.</summary>
    public double AudioVolume { get; init; } = 1;

    /// <summary>A volume that changes over the clip's own time, multiplied with <see cref="AudioVolume"/>.</summary>
    public Func<double, double>? AudioVolumeCurve { get; init; }

    public double? AudioFadeInDuration { get; init; }

    public double? AudioFadeOutDuration { get; init; }

    /// <summary>Set by <c>WithoutAudio()</c>: the clip and everything in it is silent.</summary>
    public bool AudioMuted { get; init; }

    /// <summary>Set by <c>WithAudio(...)</c>: this clip's sound is that clip's, not its own, from its <see cref="Start"/> on this clip's time (a later <see cref="Subclip"/> cuts it with the clip).</summary>
    public Clip? AudioReplacement { get; init; }

    /// <summary>A short description for error messages: "Video 'beach.mp4'".</summary>
    public abstract string Describe();

    /// <summary>
    /// The media files this clip reads, to refuse an output that would overwrite one. A clip that holds other clips adds theirs
    /// (a test checks that every such clip overrides this); the mask and a sound given by <c>WithAudio</c> are added here.
    /// </summary>
    public virtual IEnumerable<string> InputFiles() => (Mask?.InputFiles() ?? []).Concat(AudioReplacement?.InputFiles() ?? []);
}
