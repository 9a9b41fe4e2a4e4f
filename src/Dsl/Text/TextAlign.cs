namespace ScriptComposer.Dsl.Text;

/// <summary>How the lines of a text sit across its width: "left", "center" or "right" in a script.</summary>
public enum TextAlign
{
    Left,
    Center,
    Right,
}
