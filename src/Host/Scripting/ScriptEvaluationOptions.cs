namespace ScriptComposer.Host.Scripting;

/// <summary>How <see cref="ScriptHost"/> compiles, loads and runs a script. The defaults are what every sc command uses.</summary>
public sealed record ScriptEvaluationOptions
{
    public static ScriptEvaluationOptions Default { get; } = new();

    /// <summary>
    /// Loads the script into a collectible context, whose code is let go once nothing uses it (<see cref="ScriptEvaluation.Unload"/>);
    /// otherwise its code stays loaded for the process's life.
    /// </summary>
    public bool Collectible { get; init; } = true;

    /// <summary>
    /// Weaves the guards into the script (<see cref="ScriptWeaver"/>): its loops and calls stop when asked
    /// (<see cref="ScriptEvaluation.Guard"/>), an endless recursion and <c>Environment.Exit</c> are errors at their line.
    /// Unguarded, the script runs as compiled and nothing can stop it.
    /// </summary>
    public bool Guarded { get; init; } = true;

    /// <summary>Takes the compiled script from the <see cref="CompiledScriptCache"/> while nothing it was compiled from changed, and stores it there.</summary>
    public bool Cached { get; init; } = true;

    /// <summary>What the load context is named, before the script's file name (it shows in memory dumps): "sc script", "sc watch #12".</summary>
    public string ContextName { get; init; } = "sc script";
}
