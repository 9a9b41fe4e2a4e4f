namespace ScriptComposer.Dsl.Layout;

/// <summary>A position that does not move: an anchor per axis.</summary>
public sealed record StaticPosition(Anchor X, Anchor Y) : Position
{
    protected override (double X, double Y) ResolveExact(double localTime, int canvasWidth, int canvasHeight, int clipWidth, int clipHeight) =>
        (X.Resolve(canvasWidth, clipWidth), Y.Resolve(canvasHeight, clipHeight));
}
