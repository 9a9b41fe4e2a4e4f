namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>The frame a script's generator draws at <see cref="Time"/> seconds of its clip.</summary>
public sealed record GeneratedSource(FramesClip Clip, double Time) : PlanNode
{
    public override int Width => Clip.Width;

    public override int Height => Clip.Height;
}
