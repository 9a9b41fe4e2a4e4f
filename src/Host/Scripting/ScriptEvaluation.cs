using ScriptComposer.Dsl.Scripting;

namespace ScriptComposer.Host.Scripting;

/// <summary>The outcome of running a script: the outputs it declared, and how long compiling and running took.</summary>
public sealed record ScriptEvaluation(string ScriptPath, IReadOnlyList<ScriptOutput> Outputs, TimeSpan CompileTime, TimeSpan RunTime);
