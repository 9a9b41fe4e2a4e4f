namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>Picture <see cref="Index"/> of an image sequence.</summary>
public sealed record SequenceSource(ImageSequenceClip Sequence, int Index) : PlanNode
{
    public override int Width => Sequence.Width;

    public override int Height => Sequence.Height;

    /// <summary>The file that holds the picture.</summary>
    public string File => Sequence.Files[Index];
}
