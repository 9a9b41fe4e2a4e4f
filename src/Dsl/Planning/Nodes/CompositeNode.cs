using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>Layers laid over <see cref="Background"/> in one fused pass (<see cref="IComputeBackend.CompositeLayers"/>), the first at the bottom.</summary>
public sealed record CompositeNode(int Width, int Height, Rgba Background, ValueList<CompositeLayer> Layers) : PlanNode
{
    public override int Width { get; } = Width;

    public override int Height { get; } = Height;

    /// <summary>The fused kernel's shape: one entry per layer.</summary>
    public ValueList<LayerShape> Shape => new(Layers.Select(l => l.Shape));
}
