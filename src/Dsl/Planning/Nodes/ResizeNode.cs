using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary><see cref="Inner"/> resampled to <see cref="Width"/>×<see cref="Height"/> with <see cref="Filter"/>.</summary>
public sealed record ResizeNode(PlanNode Inner, int Width, int Height, ResizeFilter Filter) : PlanNode
{
    public override int Width { get; } = Width;

    public override int Height { get; } = Height;
}
