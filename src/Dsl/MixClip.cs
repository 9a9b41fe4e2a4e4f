namespace ScriptComposer.Dsl;

/// <summary>
/// moviepy's <c>CompositeAudioClip</c>: the sound of <see cref="Layers"/> summed, each at its own start; nothing to draw. It lasts
/// until its last layer ends.
/// </summary>
public sealed record MixClip : Clip
{
    public MixClip(ClipList layers)
    {
        Layers = layers;
        var ends = layers.Select(l => l.End).OfType<double>().ToList();
        Duration = ends.Count > 0 ? ends.Max() : null;
    }

    public ClipList Layers { get; init; }

    public override int Width => 1;

    public override int Height => 1;

    public override bool HasPicture => false;

    public override string Describe() => $"Mix of {Layers.Count} sounds";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Layers.SelectMany(l => l.InputFiles()));
}
