using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ScriptComposer.Dsl.Scripting;

/// <summary>
/// What the host weaves into compiled script code (never called by a script's own text): <see cref="Loop"/> at every
/// loop back-edge, <see cref="Enter"/> at the start of every method, lambda and local function, so a script that loops
/// or recurses without end stops with an ordinary error at its line; and the replacements for the calls that would end
/// the whole process.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScriptGuard
{
    [ThreadStatic] private static uint t_calls;

    /// <summary>A loop iteration of script code: one volatile read while nothing asks it to stop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Loop(ScriptGuardContext? context)
    {
        if (context is not null && context.IsStopping)
            context.ThrowStop();
    }

    /// <summary>
    /// A method of script code starts (at line <paramref name="line"/> of <paramref name="file"/>, when known): stops it
    /// too, and refuses to go deeper when the thread's stack is nearly used up.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Enter(string? file, int line, ScriptGuardContext? context)
    {
        // The runtime's own check against this thread's real stack (any thread: the script's, or a worker's), on every
        // 16th call a thread makes: it costs 10-20 ns, a third more time for a small pixel function called per pixel,
        // and it leaves room for far more than 16 calls.
        if ((++t_calls & 15) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            ThrowRecursion(file, line);
        if (context is not null && context.IsStopping)
            context.ThrowStop();
    }

    /// <summary>
    /// The line comes from the weaver: finding it on the stack would mean walking (and, for its line, reading the symbols
    /// of) every one of the hundreds of thousands of frames of the recursion, which takes seconds.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRecursion(string? file, int line) =>
        throw new ScriptRecursionException(file, line > 0 ? line : null);

    /// <summary>
    /// Put between a call and the return that follows it, so the call is no longer a tail call: the JIT turns a tail
    /// call into a jump, and a method or lambda that calls itself last (<c>again = () =&gt; again();</c>) would then loop
    /// forever without its stack growing, where it should stop as a recursion. Empty: inlined to nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Return()
    {
    }

    /// <summary>Replaces <see cref="Environment.Exit"/> in script code.</summary>
    public static void Exit(int exitCode) => throw new ScriptExitException($"Environment.Exit({exitCode})");

    /// <summary>Replaces <see cref="Environment.FailFast(string?)"/> in script code.</summary>
    public static void FailFast(string? message) => throw new ScriptExitException("Environment.FailFast", message);

    /// <summary>Replaces <see cref="Environment.FailFast(string?, Exception?)"/> in script code.</summary>
    public static void FailFast(string? message, Exception? exception) => throw new ScriptExitException("Environment.FailFast", message);

    /// <summary>Replaces <c>Environment.FailFast(string?, Exception?, string?)</c> in script code.</summary>
    public static void FailFast(string? message, Exception? exception, string? errorMessage) => throw new ScriptExitException("Environment.FailFast", message);

    /// <summary>Replaces <see cref="Process.Kill()"/> in script code: another process is killed, sc itself is not.</summary>
    public static void Kill(Process process) => Kill(process, entireProcessTree: false);

    /// <summary>Replaces <see cref="Process.Kill(bool)"/> in script code: another process is killed, sc itself is not.</summary>
    public static void Kill(Process process, bool entireProcessTree)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.Id == Environment.ProcessId)
            throw new ScriptExitException("Process.Kill() on its own process");
        process.Kill(entireProcessTree);
    }
}
