namespace ScriptComposer.Dsl;

/// <summary>
/// Tolerances for comparing times given as decimals: 0.1 + 0.2 must still start at frame 9 at 30 fps.
/// </summary>
internal static class TimeEpsilon
{
    /// <summary>In frames, for rounding a time to a frame index.</summary>
    public const double Frames = 1e-6;

    /// <summary>In seconds, for deciding whether a time lies inside a clip.</summary>
    public const double Seconds = 1e-9;
}
