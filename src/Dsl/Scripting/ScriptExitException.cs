namespace ScriptComposer.Dsl.Scripting;

/// <summary>Script code tried to end the whole process (<c>Environment.Exit</c> and the like); it was stopped there instead.</summary>
public sealed class ScriptExitException(string call, string? message = null)
    : ScriptComposerException($"the script called {call}{(string.IsNullOrEmpty(message) ? "" : $" (\"{message}\")")}, which would end sc at once and leave " +
                              "half-written outputs behind, so sc stopped the script there instead. Remove the call: a script ends after its last line, " +
                              "and one that must fail can throw an exception.")
{
    /// <summary>The call, such as <c>Environment.Exit(3)</c>.</summary>
    public string Call { get; } = call;
}
