namespace ScriptComposer.Dsl.Scripting;

/// <summary>
/// Script code called itself so deeply that the thread's stack was nearly used up, and was stopped before it overflowed;
/// <see cref="File"/> and <see cref="Line"/> are where it went too deep, when known.
/// </summary>
public sealed class ScriptRecursionException(string? file, int? line)
    : ScriptComposerException("the script recursed too deeply and was stopped before it overflowed the stack. " +
                              "Does a method or lambda call itself without reaching a case that returns?")
{
    public string? File { get; } = file;

    public int? Line { get; } = line;
}
