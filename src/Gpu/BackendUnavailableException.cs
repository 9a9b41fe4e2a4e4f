namespace ScriptComposer.Gpu;

/// <summary>A backend the user asked for by name cannot run here; the message says why and what to do.</summary>
public sealed class BackendUnavailableException(string message) : Exception(message);
