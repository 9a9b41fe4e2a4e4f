using ScriptComposer.Dsl.Scripting;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// The outcome of running a script: the outputs it declared, how long compiling (or loading the compiled script) and
/// running took, and whether the compiled script came from the <see cref="CompiledScriptCache"/>.
/// </summary>
public sealed record ScriptEvaluation(string ScriptPath, IReadOnlyList<ScriptOutput> Outputs, TimeSpan CompileTime, TimeSpan RunTime, bool FromCache = false)
{
    /// <summary>
    /// What stops the script's code (its lambdas and frame generators) while its outputs render: see
    /// <see cref="ScriptGuardContext.StopOn"/>.
    /// </summary>
    public ScriptGuardContext Guard { get; init; } = new();
}
