namespace ScriptComposer.Dsl.Transforms;

/// <summary><see cref="Inner"/> with one <see cref="PictureEffect"/> applied to its picture.</summary>
public sealed record EffectClip(Clip Inner, PictureEffect Effect) : Clip
{
    public override int Width => Effect.OutputSize(Inner.Width, Inner.Height).Width;

    public override int Height => Effect.OutputSize(Inner.Width, Inner.Height).Height;

    public override bool HasPicture => Inner.HasPicture;

    public override string Describe() => $"{Inner.Describe()} with {Effect.GetType().Name.Replace("Effect", "", StringComparison.Ordinal)}";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Inner.InputFiles());
}
