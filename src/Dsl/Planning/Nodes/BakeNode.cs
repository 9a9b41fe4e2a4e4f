namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>
/// <see cref="Inner"/>'s picture with its clip's own opacity and mask applied, laid on a transparent picture of its size: how a
/// wrapper (a resize, a crop, a time map) and an output with alpha see a clip that has them.
/// </summary>
public sealed record BakeNode(PlanNode Inner, float Opacity, PlanNode? Mask) : PlanNode
{
    public override int Width => Inner.Width;

    public override int Height => Inner.Height;
}
