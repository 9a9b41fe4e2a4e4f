namespace ScriptComposer.Dsl.Transforms;

/// <summary>
/// moviepy's <c>scroll</c>: a <see cref="Width"/>×<see cref="Height"/> window onto <see cref="Inner"/> whose top-left corner is at
/// (XStart + round(XSpeed·t), YStart + round(YSpeed·t)), kept inside the picture.
/// </summary>
public sealed record ScrollClip(Clip Inner, int WindowWidth, int WindowHeight, double XSpeed, double YSpeed, int XStart, int YStart) : Clip
{
    public override int Width => WindowWidth;

    public override int Height => WindowHeight;

    public override bool HasPicture => Inner.HasPicture;

    /// <summary>The window's corner at the clip's time <paramref name="time"/>: rounded half to even, as Python's round.</summary>
    public (int X, int Y) Corner(double time) =>
        ((int)Math.Clamp(XStart + Math.Round(XSpeed * time), 0, Inner.Width - WindowWidth),
         (int)Math.Clamp(YStart + Math.Round(YSpeed * time), 0, Inner.Height - WindowHeight));

    public override string Describe() => $"{Inner.Describe()} (scroll)";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Inner.InputFiles());
}
