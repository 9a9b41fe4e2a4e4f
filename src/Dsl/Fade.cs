using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl;

/// <summary>A fade of a clip's picture from (fade-in) or to (fade-out) a color over <see cref="Duration"/> seconds.</summary>
public sealed record Fade(double Duration, Rgba Color);
