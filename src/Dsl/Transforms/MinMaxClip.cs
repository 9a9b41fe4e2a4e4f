namespace ScriptComposer.Dsl.Transforms;

/// <summary>
/// moviepy's <c>mask_and</c> / <c>mask_or</c>: per channel, the minimum (or, with <see cref="Maximum"/>, the maximum) of
/// <see cref="Inner"/>'s picture and <see cref="Other"/>'s at the same time (a clip of the same size).
/// </summary>
public sealed record MinMaxClip(Clip Inner, Clip Other, bool Maximum) : Clip
{
    public override int Width => Inner.Width;

    public override int Height => Inner.Height;

    public override bool HasPicture => Inner.HasPicture;

    public override string Describe() => $"{Inner.Describe()} {(Maximum ? "or" : "and")} {Other.Describe()}";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Inner.InputFiles()).Concat(Other.InputFiles());
}
