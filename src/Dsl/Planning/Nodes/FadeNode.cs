namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary><see cref="Inner"/>'s picture moved toward the fade's color by its amount (a <c>FadeIn</c> or <c>FadeOut</c> at this moment).</summary>
public sealed record FadeNode(PlanNode Inner, FadeStep Fade) : PlanNode
{
    public override int Width => Inner.Width;

    public override int Height => Inner.Height;
}
