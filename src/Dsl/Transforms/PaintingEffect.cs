namespace ScriptComposer.Dsl.Transforms;

/// <summary>moviepy's <c>painting</c>: colors scaled by <see cref="Saturation"/>, edges darkened by <see cref="Black"/>.</summary>
public sealed record PaintingEffect(float Saturation, float Black) : PictureEffect;
