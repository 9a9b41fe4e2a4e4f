namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>The per-channel minimum (or maximum) of two pictures of one size (moviepy's <c>mask_and</c> / <c>mask_or</c>).</summary>
public sealed record MinMaxNode(PlanNode Inner, PlanNode Other, bool Maximum) : PlanNode
{
    public override int Width => Inner.Width;

    public override int Height => Inner.Height;
}
