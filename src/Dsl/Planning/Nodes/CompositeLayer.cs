using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>
/// One layer of a fused <see cref="CompositeNode"/>: its picture at (<see cref="X"/>, <see cref="Y"/>) with its opacity, mask,
/// blend mode and the fade folded into the pass (<see cref="LayerDraw"/>'s meaning).
/// </summary>
public readonly record struct CompositeLayer(PlanNode Picture, int X, int Y, float Opacity, PlanNode? Mask, BlendMode Mode, FadeStep Fade)
{
    /// <summary>What the fused kernel must know of this layer when it is compiled.</summary>
    public LayerShape Shape => new(Mask is not null, Mode, Fade.Amount > 0f);
}
