using ScriptComposer.Dsl.Transforms;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>
/// <see cref="Inner"/> with a picture effect applied at its clip's source time <see cref="Time"/> (the time a pixel effect sees);
/// a rotation's angle is already evaluated into a <see cref="RotateNode"/>.
/// </summary>
public sealed record EffectNode(PlanNode Inner, PictureEffect Effect, double Time) : PlanNode
{
    public override int Width => Effect.OutputSize(Inner.Width, Inner.Height).Width;

    public override int Height => Effect.OutputSize(Inner.Width, Inner.Height).Height;
}
