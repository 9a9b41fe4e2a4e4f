namespace ScriptComposer.Dsl.Planning;

/// <summary>One layer of a composite at one moment: the clip, its own time, its top-left corner on the canvas, and its opacity then.</summary>
public readonly record struct ActiveLayer(Clip Clip, double LocalTime, int X, int Y, float Opacity);
