namespace ScriptComposer.Host.Watch;

/// <summary>
/// Something one job at a time uses (a renderer, a sound mix), disposed when its owner is done with it: at once while no
/// job uses it, else as the job using it returns. A job abandoned by the <see cref="ScriptWorker"/> may still be using it
/// on its own thread, so disposing it under that job would pull it from under the thread; a job that never returns keeps it.
/// </summary>
internal sealed class DisposedWhenIdle<T>(T value) : IDisposable where T : IDisposable
{
    private const int Idle = 0, InUse = 1, DisposeAfterUse = 2, Disposed = 3;
    private int _state;

    /// <summary>Runs <paramref name="use"/> with the value; a dispose asked for meanwhile happens as it returns.</summary>
    /// <exception cref="ObjectDisposedException">The value was disposed, or is being used by another job.</exception>
    public TResult Use<TResult>(Func<T, TResult> use)
    {
        if (Interlocked.CompareExchange(ref _state, InUse, Idle) != Idle)
            throw new ObjectDisposedException(typeof(T).Name, "It was disposed (or is in use by a job that was abandoned).");
        try
        {
            return use(value);
        }
        finally
        {
            if (Interlocked.CompareExchange(ref _state, Idle, InUse) == DisposeAfterUse)
            {
                Volatile.Write(ref _state, Disposed);
                value.Dispose();
            }
        }
    }

    public void Dispose()
    {
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Idle when Interlocked.CompareExchange(ref _state, Disposed, Idle) == Idle:
                    value.Dispose();
                    return;
                case InUse when Interlocked.CompareExchange(ref _state, DisposeAfterUse, InUse) == InUse:
                case DisposeAfterUse or Disposed:
                    return;
            }
        }
    }
}
