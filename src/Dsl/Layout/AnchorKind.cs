namespace ScriptComposer.Dsl.Layout;

public enum AnchorKind
{
    /// <summary>A distance in pixels from the canvas's left or top edge to the clip's.</summary>
    Pixels,
    /// <summary>A fraction of the canvas's width or height (moviepy's relative=True).</summary>
    Fraction,
    /// <summary>Flush with the left or top edge.</summary>
    Start,
    /// <summary>Centered.</summary>
    Center,
    /// <summary>Flush with the right or bottom edge.</summary>
    End,
}
