using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl;

/// <summary>A two-color gradient (see <see cref="Gradient"/>), computed on the backend once per render.</summary>
public sealed record GradientClip(int ClipWidth, int ClipHeight, GradientParams Parameters) : Clip
{
    public override int Width => ClipWidth;

    public override int Height => ClipHeight;

    public override string Describe() => $"Gradient.{Parameters.Kind}({ClipWidth}, {ClipHeight})";
}
