namespace ScriptComposer.Dsl.Scripting;

/// <summary>Something a script declared it wants written; the host decides when and how to produce it.</summary>
public abstract record ScriptOutput(Clip Clip, string Path);
