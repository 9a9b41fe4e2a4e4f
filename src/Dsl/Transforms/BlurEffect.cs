namespace ScriptComposer.Dsl.Transforms;

/// <summary>A separable Gaussian blur of <see cref="Sigma"/> pixels.</summary>
public sealed record BlurEffect(float Sigma) : PictureEffect;
