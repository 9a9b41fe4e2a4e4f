namespace ScriptComposer.Dsl;

/// <summary>
/// A problem with the user's input (a script, a media file, an output path, the environment), with a message that
/// names the thing and the fix. The host prints its message alone, without a stack trace.
/// </summary>
public class ScriptComposerException : Exception
{
    public ScriptComposerException(string message) : base(message)
    {
    }

    public ScriptComposerException(string message, Exception inner) : base(message, inner)
    {
    }
}
