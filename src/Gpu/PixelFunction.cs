namespace ScriptComposer.Gpu;

/// <summary>
/// The CPU version of a user's pixel effect: given a pixel's straight RGBA color in [0, 1], its position and the time in
/// seconds, returns the new straight color (clamped to [0, 1] afterwards). Called in parallel over rows: must be thread-safe.
/// </summary>
public delegate Float4 PixelFunction(Float4 pixel, int x, int y, float t);
