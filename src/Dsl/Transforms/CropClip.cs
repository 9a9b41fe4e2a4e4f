namespace ScriptComposer.Dsl.Transforms;

/// <summary>The rectangle of <see cref="Inner"/> from (<see cref="X"/>, <see cref="Y"/>), <see cref="CropWidth"/>×<see cref="CropHeight"/>.</summary>
public sealed record CropClip(Clip Inner, int X, int Y, int CropWidth, int CropHeight) : Clip
{
    /// <summary>For an animated crop (a pan): the rectangle at the clip's source time, inside <see cref="Inner"/>, at most (<see cref="CropWidth"/>, <see cref="CropHeight"/>) in size, the largest it reaches; each frame is centered in that box.</summary>
    public Func<double, (int X, int Y, int Width, int Height)>? RectangleAt { get; init; }

    public override int Width => CropWidth;

    public override int Height => CropHeight;

    public override bool HasPicture => Inner.HasPicture;

    public override string Describe() => $"{Inner.Describe()} cropped to {CropWidth}x{CropHeight}";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Inner.InputFiles());
}
