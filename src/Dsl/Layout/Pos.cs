namespace ScriptComposer.Dsl.Layout;

/// <summary>The keyword positions, for <c>clip.At(Pos.Center)</c>. "Left" alone means left and vertically centered, as in moviepy.</summary>
public static class Pos
{
    public static Position Center { get; } = new StaticPosition(Anchor.Keyword("center"), Anchor.Keyword("center"));
    public static Position Left { get; } = new StaticPosition(Anchor.Keyword("left"), Anchor.Keyword("center"));
    public static Position Right { get; } = new StaticPosition(Anchor.Keyword("right"), Anchor.Keyword("center"));
    public static Position Top { get; } = new StaticPosition(Anchor.Keyword("center"), Anchor.Keyword("top"));
    public static Position Bottom { get; } = new StaticPosition(Anchor.Keyword("center"), Anchor.Keyword("bottom"));
    public static Position TopLeft { get; } = new StaticPosition(Anchor.Keyword("left"), Anchor.Keyword("top"));
    public static Position TopRight { get; } = new StaticPosition(Anchor.Keyword("right"), Anchor.Keyword("top"));
    public static Position BottomLeft { get; } = new StaticPosition(Anchor.Keyword("left"), Anchor.Keyword("bottom"));
    public static Position BottomRight { get; } = new StaticPosition(Anchor.Keyword("right"), Anchor.Keyword("bottom"));

    /// <summary>Fractions of the canvas: (0.5, 0.5) puts the clip's top-left corner at the canvas's middle.</summary>
    public static Position Relative(double x, double y) => new StaticPosition(Anchor.Fraction(x), Anchor.Fraction(y));

    public static Position Pixels(double x, double y) => new StaticPosition(Anchor.Pixels(x), Anchor.Pixels(y));

    /// <summary>One keyword for both axes: "center", "left", "right", "top", "bottom", or a pair such as "top-left".</summary>
    public static Position Keyword(string keyword) => keyword?.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-') switch
    {
        "center" or "centre" or "middle" => Center,
        "left" => Left,
        "right" => Right,
        "top" => Top,
        "bottom" => Bottom,
        "top-left" or "left-top" => TopLeft,
        "top-right" or "right-top" => TopRight,
        "bottom-left" or "left-bottom" => BottomLeft,
        "bottom-right" or "right-bottom" => BottomRight,
        _ => throw new ArgumentException(
            $"'{keyword}' is not a position keyword. Use \"center\", \"left\", \"right\", \"top\", \"bottom\" or a pair such as \"top-left\".",
            nameof(keyword)),
    };
}
