using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>A gradient; made once per renderer and lent to every frame that shows it.</summary>
public sealed record GradientSource(int Width, int Height, GradientParams Parameters) : PlanNode
{
    public override int Width { get; } = Width;

    public override int Height { get; } = Height;
}
