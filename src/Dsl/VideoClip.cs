using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl;

/// <summary>The picture of a video file, decoded at <see cref="Width"/>×<see cref="Height"/> (its own size unless asked otherwise).</summary>
public sealed record VideoClip(MediaInfo Media, int DecodeWidth, int DecodeHeight) : Clip
{
    public override int Width => DecodeWidth;

    public override int Height => DecodeHeight;

    public override double? SourceLength => Media.Duration;

    public override string Describe() => $"Video '{Path.GetFileName(Media.Path)}'";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Append(Media.Path);
}
