namespace ScriptComposer.Dsl.Planning;

/// <summary>One layer of a composite at one moment: the clip, its own time, and its top-left corner on the canvas.</summary>
public sealed record LayerPlan(Clip Clip, double LocalTime, int X, int Y);
