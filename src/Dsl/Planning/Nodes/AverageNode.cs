namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>The truncated mean of pictures of one size (moviepy's <c>supersample</c>), each drawn on its own.</summary>
public sealed record AverageNode(ValueList<PlanNode> Frames) : PlanNode
{
    public override int Width => Frames[0].Width;

    public override int Height => Frames[0].Height;
}
