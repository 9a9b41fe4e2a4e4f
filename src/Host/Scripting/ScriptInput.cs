namespace ScriptComposer.Host.Scripting;

/// <summary>A file a compiled script depends on, and the hash of its content when it was compiled.</summary>
internal sealed record ScriptInput(string Path, string Hash);
