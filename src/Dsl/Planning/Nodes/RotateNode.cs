using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary><see cref="Inner"/> turned counter-clockwise by <see cref="Degrees"/> onto a <see cref="Width"/>×<see cref="Height"/> canvas of <see cref="Background"/>.</summary>
public sealed record RotateNode(PlanNode Inner, int Width, int Height, float Degrees, Rgba Background) : PlanNode
{
    public override int Width { get; } = Width;

    public override int Height { get; } = Height;
}
