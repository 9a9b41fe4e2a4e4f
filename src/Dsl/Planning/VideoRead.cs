namespace ScriptComposer.Dsl.Planning;

/// <summary>One decoded frame a render reads: frame <see cref="Frame"/> of <see cref="Path"/> at <see cref="Width"/>×<see cref="Height"/>.</summary>
public readonly record struct VideoRead(string Path, int Width, int Height, long Frame);
