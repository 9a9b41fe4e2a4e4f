namespace ScriptComposer.Dsl.Transforms;

/// <summary><see cref="Inner"/>'s frames passed through a script's function of (time, image), run in C# on the CPU.</summary>
public sealed record MapClip(Clip Inner, Func<double, Image, Image> Function) : Clip
{
    public override int Width => Inner.Width;

    public override int Height => Inner.Height;

    public override string Describe() => $"{Inner.Describe()} mapped";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Inner.InputFiles());
}
