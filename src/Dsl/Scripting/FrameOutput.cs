namespace ScriptComposer.Dsl.Scripting;

/// <summary>A single frame to save as PNG, declared by <c>SaveFrame(...)</c>.</summary>
public sealed record FrameOutput(Clip Clip, double Time, string Path) : ScriptOutput(Clip, Path);
