namespace ScriptComposer.Dsl.Animation;

/// <summary>How a keyframed value travels between two keys.</summary>
public enum Ease
{
    Linear,
    /// <summary>Starts slow (cubic).</summary>
    EaseIn,
    /// <summary>Ends slow (cubic).</summary>
    EaseOut,
    /// <summary>Starts and ends slow (cubic).</summary>
    EaseInOut,
    /// <summary>Holds each key's value until the next key.</summary>
    Step,
}
