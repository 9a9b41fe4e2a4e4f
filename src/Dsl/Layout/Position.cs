namespace ScriptComposer.Dsl.Layout;

/// <summary>Where a clip's top-left corner stands on its canvas at a time of the clip's own (0 at its start).</summary>
public abstract record Position
{
    /// <summary>The top-left corner in canvas pixels, rounded half up; may lie off the canvas.</summary>
    public (int X, int Y) Resolve(double localTime, int canvasWidth, int canvasHeight, int clipWidth, int clipHeight)
    {
        var (x, y) = ResolveExact(localTime, canvasWidth, canvasHeight, clipWidth, clipHeight);
        return (RoundToPixel(x, "x"), RoundToPixel(y, "y"));
    }

    protected abstract (double X, double Y) ResolveExact(double localTime, int canvasWidth, int canvasHeight, int clipWidth, int clipHeight);

    private static int RoundToPixel(double value, string axis)
    {
        if (!double.IsFinite(value))
            throw new ScriptComposerException($"A position function returned {axis} = {value}; positions must be finite numbers.");
        return (int)Math.Clamp(Math.Floor(value + 0.5), -1_000_000, 1_000_000);
    }
}
