using ScriptComposer.Dsl.Scripting;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// The outcome of running a script: the outputs it declared, how long compiling (or loading the compiled script) and
/// running took, and whether the compiled script came from the <see cref="CompiledScriptCache"/>.
/// </summary>
public sealed record ScriptEvaluation(string ScriptPath, IReadOnlyList<ScriptOutput> Outputs, TimeSpan CompileTime, TimeSpan RunTime, bool FromCache = false)
{
    /// <summary>
    /// The files the script itself is made of or read besides its clips' media: the script, every <c>#load</c>ed file,
    /// every <c>#r</c> assembly, and the subtitle and font files it read while it ran. No output may overwrite them.
    /// </summary>
    public IReadOnlyList<string> InputFiles { get; init; } = [];
}
