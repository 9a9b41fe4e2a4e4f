using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>
/// A picture of <see cref="Width"/>×<see cref="Height"/> filled with <see cref="Background"/>, with <see cref="Inner"/> laid at
/// (<see cref="X"/>, <see cref="Y"/>): a crop (a negative offset) or a margin.
/// </summary>
public sealed record PlaceNode(PlanNode Inner, int Width, int Height, int X, int Y, Rgba Background) : PlanNode
{
    public override int Width { get; } = Width;

    public override int Height { get; } = Height;
}
