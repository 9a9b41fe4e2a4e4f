using ScriptComposer.Dsl.Transforms;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>
/// <see cref="Inner"/> with a picture effect applied; <see cref="Time"/> is the clip's source time for a pixel effect (the time
/// it sees) and 0 for the others, which do not change with time. A rotation's angle is already evaluated into a <see cref="RotateNode"/>.
/// </summary>
public sealed record EffectNode(PlanNode Inner, PictureEffect Effect, double Time) : PlanNode
{
    public override int Width => Effect.OutputSize(Inner.Width, Inner.Height).Width;

    public override int Height => Effect.OutputSize(Inner.Width, Inner.Height).Height;
}
