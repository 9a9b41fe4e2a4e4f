namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>
/// One step of a <see cref="FramePlan"/> that makes a picture of <see cref="Width"/>×<see cref="Height"/>: a source at a source
/// frame, or a transform of the pictures below it. Nodes are immutable records without pixels, so two plans compare by value.
/// </summary>
public abstract record PlanNode
{
    public abstract int Width { get; }

    public abstract int Height { get; }
}
