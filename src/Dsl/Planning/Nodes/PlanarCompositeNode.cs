using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>
/// A frame of video (with perhaps a few small pictures over it) mixed straight in I420 (<see cref="IComputeBackend.MixI420Layers"/>),
/// the decoders' format and the encoder's; only an I420 output can take it.
/// </summary>
public sealed record PlanarCompositeNode(int Width, int Height, Rgba Background, ValueList<PlanarLayer> Layers) : PlanNode
{
    public override int Width { get; } = Width;

    public override int Height { get; } = Height;
}
