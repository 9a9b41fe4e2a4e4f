namespace ScriptComposer.Host.Scripting;

/// <summary>
/// A script compiled to an assembly image: the PE and its portable PDB (so runtime errors name the script line), the
/// submission's entry point, the source files it was compiled from (the script and every <c>#load</c>ed file) and the
/// assemblies its <c>#r</c> directives added, each with the SHA-256 of its content when compiled.
/// </summary>
internal sealed record CompiledScript(
    byte[] Image,
    byte[] Symbols,
    string EntryType,
    string EntryMethod,
    IReadOnlyList<ScriptInput> Sources,
    IReadOnlyList<ScriptInput> References);
