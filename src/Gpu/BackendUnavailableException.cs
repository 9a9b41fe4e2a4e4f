namespace ScriptComposer.Gpu;

/// <summary>A backend the user asked for by name cannot run here; the message says why and what to do.</summary>
public sealed class BackendUnavailableException : Exception
{
    public BackendUnavailableException(string message) : base(message)
    {
    }

    public BackendUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
