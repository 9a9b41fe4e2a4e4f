using ScriptComposer.Dsl.Transforms;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>
/// <see cref="Inner"/> passed through a script's <c>Map</c> at the clip's source time <see cref="Time"/>. The time is part of the
/// node because the function sees it: two frames are equal only at the same time with equal inputs.
/// </summary>
public sealed record MapNode(PlanNode Inner, MapClip Clip, double Time) : PlanNode
{
    public override int Width => Clip.Width;

    public override int Height => Clip.Height;
}
