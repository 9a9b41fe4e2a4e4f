namespace ScriptComposer.Gpu;

/// <summary>The backend that was created, and one line saying why it was the one.</summary>
public sealed record BackendChoice(IComputeBackend Backend, string Reason);
