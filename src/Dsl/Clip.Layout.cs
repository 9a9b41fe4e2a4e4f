using ScriptComposer.Dsl.Layout;

namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>Places the clip: pixels (<c>At(40, 60)</c>), keywords (<c>At("center", "top")</c>) or a mix (<c>At("center", 50)</c>).</summary>
    public Clip At(Anchor x, Anchor y) => this with { Position = new StaticPosition(x, y) };

    /// <summary>Places the clip by a keyword: "center", "left", "right", "top", "bottom", or a pair such as "bottom-right".</summary>
    public Clip At(string keyword) => this with { Position = Pos.Keyword(keyword) };

    public Clip At(Position position)
    {
        NullArgument.ThrowIfNull(position);
        return this with { Position = position };
    }

    /// <summary>Moves the clip over time: the function gets the clip's own time in seconds and returns its top-left corner in pixels.</summary>
    public Clip At(Func<double, (double X, double Y)> position)
    {
        NullArgument.ThrowIfNull(position);
        return this with { Position = new AnimatedPosition(position) };
    }

    /// <summary>Places the clip's top-left corner at fractions of the canvas (moviepy's <c>relative=True</c>).</summary>
    public Clip AtRelative(double x, double y) => this with { Position = Pos.Relative(x, y) };
}
