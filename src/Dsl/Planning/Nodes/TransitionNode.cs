using ScriptComposer.Dsl.Transitions;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>
/// <see cref="From"/> giving way to <see cref="To"/> (the same size) by <see cref="Transition"/>, <see cref="Progress"/> of the way
/// through (0 shows <see cref="From"/>; the value the kernel gets, so two frames at the same progress plan alike).
/// </summary>
public sealed record TransitionNode(PlanNode From, PlanNode To, Transition Transition, float Progress) : PlanNode
{
    public override int Width => From.Width;

    public override int Height => From.Height;
}
