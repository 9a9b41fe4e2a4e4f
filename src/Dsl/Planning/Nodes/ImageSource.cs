using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>A decoded picture file (or drawn text); uploaded once per renderer and lent to every frame that shows it.</summary>
public sealed record ImageSource(StillImage Image) : PlanNode
{
    public override int Width => Image.Width;

    public override int Height => Image.Height;
}
