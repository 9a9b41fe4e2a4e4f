namespace ScriptComposer.Dsl.Transforms;

/// <summary>moviepy's <c>lum_contrast</c>: v + <see cref="Lum"/> + <see cref="Contrast"/>·(v − <see cref="Threshold"/>) on 0–255 values, clamped once.</summary>
public sealed record LumContrastEffect(float Lum, float Contrast, float Threshold) : PictureEffect;
