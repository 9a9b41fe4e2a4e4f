using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl;

/// <summary>A still picture from a PNG or JPEG file; its alpha channel is its mask.</summary>
public sealed record ImageClip(StillImage Image) : Clip
{
    public override int Width => Image.Width;

    public override int Height => Image.Height;

    public override string Describe() => Image.IsFile ? $"Image '{Path.GetFileName(Image.Path)}'" : char.ToUpperInvariant(Image.Path[0]) + Image.Path[1..];

    public override IEnumerable<string> InputFiles() => Image.IsFile ? base.InputFiles().Append(Image.Path) : base.InputFiles();
}
