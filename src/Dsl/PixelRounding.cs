namespace ScriptComposer.Dsl;

/// <summary>
/// How a crop's corner given in pixels becomes a whole pixel: halves round up, as positions do, so a window moving half a
/// pixel a frame steps one pixel every other frame (Math.Round's halves to even stepped two pixels every fourth frame).
/// </summary>
internal static class PixelRounding
{
    /// <summary>A value this close below a half counts as the half: 0.5 + 25 * (29 / 25.0) is 29.499999999999996.</summary>
    private const double Tolerance = 1e-6;

    /// <summary><paramref name="pixels"/> rounded to a whole pixel, halves up.</summary>
    public static double HalfUp(double pixels) => Math.Floor(pixels + 0.5 + Tolerance);

    /// <summary>
    /// A size rounded to whole pixels, halves down: added to a start rounded halves up, it ends on the end given whenever that
    /// end is a whole pixel, so one edge stays put while the other moves by halves.
    /// </summary>
    public static double HalfDown(double pixels) => -HalfUp(-pixels);
}
