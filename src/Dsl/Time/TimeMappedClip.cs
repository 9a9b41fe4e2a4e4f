namespace ScriptComposer.Dsl.Time;

/// <summary>A clip played on a remapped clock: faster, backwards, looped, frozen or with a part cut out.</summary>
public sealed record TimeMappedClip(Clip Inner, TimeMap Map) : Clip
{
    /// <summary>How this clip's time maps to <see cref="Inner"/>'s (hides <see cref="Clip.Map(Func{double, Image, Image})"/>, which a wrapper node has no use for).</summary>
    public new TimeMap Map { get; init; } = Map;

    public override int Width => Inner.Width;

    public override int Height => Inner.Height;

    public override bool HasPicture => Inner.HasPicture;

    public override string Describe() => $"{Inner.Describe()} ({Map.GetType().Name.Replace("Map", "", StringComparison.Ordinal).ToLowerInvariant()})";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Inner.InputFiles());
}
