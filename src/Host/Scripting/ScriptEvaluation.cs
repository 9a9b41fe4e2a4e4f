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

    /// <summary>What the run should be told without failing (characters no font has), one line each; print them once per render.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// What stops the script's code (its lambdas and frame generators) while its outputs render: see
    /// <see cref="ScriptGuardContext.StopOn"/>.
    /// </summary>
    public ScriptGuardContext Guard { get; init; } = new();

    /// <summary>The script and every file it <c>#load</c>s: a change to any of them changes the script.</summary>
    public IReadOnlyList<string> SourceFiles { get; init; } = [];

    internal LoadedScript? Script { get; init; }

    /// <summary>
    /// Lets the script's compiled code go once nothing uses its outputs any more (its clips hold the script's lambdas):
    /// call it when they are rendered, in a process that goes on to run other scripts. Nothing when it was loaded to stay
    /// (<see cref="ScriptEvaluationOptions.Collectible"/>).
    /// </summary>
    public void Unload() => Script?.Unload();
}
