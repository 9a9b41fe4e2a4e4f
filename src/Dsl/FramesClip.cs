namespace ScriptComposer.Dsl;

/// <summary>Frames computed by the script itself, one call of <see cref="Generator"/> per frame.</summary>
public sealed record FramesClip(int ClipWidth, int ClipHeight, FrameGenerator Generator) : Clip
{
    public override int Width => ClipWidth;

    public override int Height => ClipHeight;

    public override string Describe() => $"Frames({ClipWidth}, {ClipHeight})";
}
