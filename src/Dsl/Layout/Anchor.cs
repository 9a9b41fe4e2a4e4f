namespace ScriptComposer.Dsl.Layout;

/// <summary>
/// Where a clip stands along one axis of its canvas. Converts from a number (pixels) and from a keyword
/// ("left", "center", "right" horizontally; "top", "center", "bottom" vertically).
/// </summary>
public readonly record struct Anchor(AnchorKind Kind, double Value = 0)
{
    public static Anchor Pixels(double value) => new(AnchorKind.Pixels, RequireFinite(value));

    public static Anchor Fraction(double value) => new(AnchorKind.Fraction, RequireFinite(value));

    public static implicit operator Anchor(double pixels) => Pixels(pixels);

    public static implicit operator Anchor(string keyword) => Keyword(keyword);

    public static Anchor Keyword(string keyword) => keyword?.Trim().ToLowerInvariant() switch
    {
        "left" or "top" => new Anchor(AnchorKind.Start),
        "center" or "centre" or "middle" => new Anchor(AnchorKind.Center),
        "right" or "bottom" => new Anchor(AnchorKind.End),
        _ => throw new ArgumentException(
            $"'{keyword}' is not a position keyword. Use \"left\", \"center\" or \"right\" for x and \"top\", \"center\" or \"bottom\" for y, or a number of pixels.",
            nameof(keyword)),
    };

    /// <summary>The top-left coordinate of a clip of length <paramref name="clipLength"/> on a canvas of <paramref name="canvasLength"/>.</summary>
    public double Resolve(int canvasLength, int clipLength) => Kind switch
    {
        AnchorKind.Pixels => Value,
        AnchorKind.Fraction => Value * canvasLength,
        AnchorKind.Start => 0,
        AnchorKind.Center => (canvasLength - clipLength) / 2.0,
        AnchorKind.End => canvasLength - clipLength,
        _ => throw new InvalidOperationException($"Unknown anchor kind {Kind}."),
    };

    private static double RequireFinite(double value) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), $"A position must be a finite number; got {value}.");
}
