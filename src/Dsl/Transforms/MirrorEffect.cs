namespace ScriptComposer.Dsl.Transforms;

/// <summary>Flips left-right (<see cref="Horizontal"/>) or top-bottom.</summary>
public sealed record MirrorEffect(bool Horizontal) : PictureEffect;
