namespace ScriptComposer.Gpu;

/// <summary>
/// The CPU version of a user's transition: given the two pictures' straight RGBA colors in [0, 1] at a pixel (<paramref name="from"/>
/// going, <paramref name="to"/> coming), the pixel's position and the progress (0 at the start, toward 1 at the end), returns the
/// pixel's straight color (clamped to [0, 1] afterwards). Called in parallel over rows: must be thread-safe.
/// </summary>
public delegate Float4 TransitionFunction(Float4 from, Float4 to, int x, int y, float progress);
