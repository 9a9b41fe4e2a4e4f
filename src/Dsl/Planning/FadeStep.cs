using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning;

/// <summary>One fade to apply to a clip's picture: move toward <see cref="Color"/> by <see cref="Amount"/> (0 to 1).</summary>
public readonly record struct FadeStep(Rgba Color, float Amount);
