using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>Frame <see cref="Frame"/> of a video file decoded at <see cref="Width"/>×<see cref="Height"/>.</summary>
public sealed record VideoSource(MediaInfo Media, int Width, int Height, long Frame) : PlanNode
{
    public override int Width { get; } = Width;

    public override int Height { get; } = Height;
}
