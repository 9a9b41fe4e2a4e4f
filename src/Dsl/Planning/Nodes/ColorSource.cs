using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>A picture of one color; made once per renderer and lent to every frame that shows it.</summary>
public sealed record ColorSource(int Width, int Height, Rgba Color) : PlanNode
{
    public override int Width { get; } = Width;

    public override int Height { get; } = Height;
}
