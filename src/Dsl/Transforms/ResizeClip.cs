using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Transforms;

/// <summary><see cref="Inner"/> resampled to <see cref="TargetWidth"/>×<see cref="TargetHeight"/> with <see cref="Filter"/>.</summary>
public sealed record ResizeClip(Clip Inner, int TargetWidth, int TargetHeight, ResizeFilter Filter = ResizeFilter.Bilinear) : Clip
{
    /// <summary>For an animated resize: the size at the clip's source time, at most (<see cref="TargetWidth"/>, <see cref="TargetHeight"/>), the largest it reaches; each frame is centered in that box.</summary>
    public Func<double, (int Width, int Height)>? SizeAt { get; init; }

    public override int Width => TargetWidth;

    public override int Height => TargetHeight;

    public override bool HasPicture => Inner.HasPicture;

    public override string Describe() => $"{Inner.Describe()} resized to {TargetWidth}x{TargetHeight}";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Inner.InputFiles());
}
