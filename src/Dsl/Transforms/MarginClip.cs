using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Transforms;

/// <summary><see cref="Inner"/> with a border of <see cref="Color"/> around it.</summary>
public sealed record MarginClip(Clip Inner, int Left, int Right, int Top, int Bottom, Rgba Color) : Clip
{
    /// <summary>For an animated margin: the sides at the clip's source time; the clip's size is the largest they reach, and each frame is centered in it.</summary>
    public Func<double, (int Left, int Right, int Top, int Bottom)>? SidesAt { get; init; }

    public override int Width => Inner.Width + Left + Right;

    public override int Height => Inner.Height + Top + Bottom;

    public override bool HasPicture => Inner.HasPicture;

    public override string Describe() => $"{Inner.Describe()} with a margin";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Inner.InputFiles());
}
