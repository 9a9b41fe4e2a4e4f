namespace ScriptComposer.Dsl.Rendering;

/// <summary>The part of an output to render (<c>--from</c>, <c>--to</c>) and an optional frame-rate override (<c>--fps</c>).</summary>
public sealed record RenderRange(double? From = null, double? To = null, double? Fps = null)
{
    public static RenderRange Whole { get; } = new();
}
