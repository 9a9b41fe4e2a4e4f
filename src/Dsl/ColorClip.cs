using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl;

/// <summary>A plain color, endless until given a duration.</summary>
public sealed record ColorClip(int ClipWidth, int ClipHeight, Rgba Color) : Clip
{
    public override int Width => ClipWidth;

    public override int Height => ClipHeight;

    public override string Describe() => $"Color({ClipWidth}, {ClipHeight}, \"{Color}\")";
}
