namespace ScriptComposer.Dsl;

/// <summary>Pictures shown one per frame at <see cref="Fps"/>; each is decoded when first shown.</summary>
public sealed record ImageSequenceClip(IReadOnlyList<string> Files, FrameRate Fps, int FrameWidth, int FrameHeight) : Clip
{
    public override int Width => FrameWidth;

    public override int Height => FrameHeight;

    public override double? SourceLength => Fps.TimeOf(Files.Count);

    public override string Describe() => $"ImageSequence of {Files.Count} pictures from '{Path.GetDirectoryName(Files[0])}'";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Files);

    public bool Equals(ImageSequenceClip? other) =>
        other is not null && base.Equals(other) && Files.SequenceEqual(other.Files) && Fps == other.Fps && FrameWidth == other.FrameWidth && FrameHeight == other.FrameHeight;

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Files.Count, Fps, FrameWidth, FrameHeight);
}
