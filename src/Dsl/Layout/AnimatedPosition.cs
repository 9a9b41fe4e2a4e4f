namespace ScriptComposer.Dsl.Layout;

/// <summary>A position computed from the clip's own time, in canvas pixels (moviepy's <c>set_position(lambda t: ...)</c>).</summary>
public sealed record AnimatedPosition(Func<double, (double X, double Y)> Function) : Position
{
    protected override (double X, double Y) ResolveExact(double localTime, int canvasWidth, int canvasHeight, int clipWidth, int clipHeight) =>
        Function(localTime);
}
