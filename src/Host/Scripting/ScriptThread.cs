namespace ScriptComposer.Host.Scripting;

/// <summary>
/// Runs work that calls script code (an evaluation, a render calling the script's lambdas) on a thread of its own with a
/// known, generous stack, so a script's deep recursion is stopped by its guard (<see cref="ScriptWeaver"/>) long before
/// the stack could overflow, whatever stack the caller's thread has. The thread is a background one: a process that
/// has given up waiting for it can still end.
/// </summary>
internal static class ScriptThread
{
    public const int StackSize = 16 * 1024 * 1024;

    public static Task<T> Run<T>(string name, Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                done.TrySetResult(work());
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }, StackSize)
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }
}
