namespace ScriptComposer.Host.Configuration;

/// <summary>
/// One setting as <c>sc doctor --verbose</c> shows it: the environment variable that sets it, its effective value, and
/// where that came from (<c>environment</c>, <c>from OTHER_VARIABLE</c>, or <c>default</c>).
/// </summary>
public sealed record ScOption(string Variable, string Value, string Source)
{
    public override string ToString() => $"{Variable,-20} {Value}  [{Source}]";
}
