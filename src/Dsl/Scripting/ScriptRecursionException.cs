namespace ScriptComposer.Dsl.Scripting;

/// <summary>Script code called itself so deeply that the thread's stack was nearly used up, and was stopped before it overflowed.</summary>
public sealed class ScriptRecursionException()
    : ScriptComposerException("the script recursed too deeply and was stopped before it overflowed the stack. " +
                              "Does a method or lambda call itself without reaching a case that returns?")
{
}
