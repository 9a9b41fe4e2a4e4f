namespace ScriptComposer.Dsl.Scripting;

/// <summary>
/// Whether the code of one loaded script should stop, and with what exception. The host weaves a check of it into every
/// loop and at the start of every method and lambda of the script (<see cref="ScriptGuard"/>), so setting it stops
/// script code on whatever thread it runs: the evaluation, a frame generator, a pixel function on a worker thread.
/// </summary>
public sealed class ScriptGuardContext
{
    // Read on every loop iteration of script code: one volatile read while nothing asks it to stop.
    private volatile Func<Exception>? _stop;
    private volatile bool _stopSeen;

    /// <summary>Whether script code is being stopped.</summary>
    public bool IsStopping => _stop is not null;

    /// <summary>
    /// Whether script code reached a check since the stop and threw: it is unwinding, not blocked in a call that no
    /// check can interrupt.
    /// </summary>
    public bool StopSeen => _stopSeen;

    /// <summary>Makes the next check in script code throw what <paramref name="reason"/> makes (the first reason wins).</summary>
    public void Stop(Func<Exception> reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Interlocked.CompareExchange(ref _stop, reason, null);
    }

    /// <summary>Stops script code with an <see cref="OperationCanceledException"/> once <paramref name="cancellation"/> is cancelled, until disposed.</summary>
    public CancellationTokenRegistration StopOn(CancellationToken cancellation) =>
        cancellation.Register(static state =>
        {
            var (context, token) = ((ScriptGuardContext, CancellationToken))state!;
            context.Stop(() => new OperationCanceledException("The script was stopped because the command was cancelled.", token));
        }, (this, cancellation));

    /// <summary>
    /// Lets script code run again (after an earlier stop), and stops it when <paramref name="limit"/> has passed, with the
    /// exception <paramref name="timeout"/> makes, or when <paramref name="cancellation"/> is cancelled. Dispose the
    /// scope when the work is done; a stop that happened stays until the next call.
    /// </summary>
    public IDisposable Limit(TimeSpan limit, Func<Exception> timeout, CancellationToken cancellation = default)
    {
        _stop = null;
        _stopSeen = false;
        var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timer.CancelAfter(limit);
        var registration = timer.Token.Register(() => Stop(cancellation.IsCancellationRequested
            ? () => new OperationCanceledException("The script was stopped because the command was cancelled.", cancellation)
            : timeout));
        return new LimitScope(timer, registration);
    }

    /// <summary>Throws the stop's exception; called by <see cref="ScriptGuard"/> once it sees a stop.</summary>
    internal void ThrowStop()
    {
        if (_stop is { } reason)
        {
            _stopSeen = true;
            throw reason();
        }
    }

    private sealed class LimitScope(CancellationTokenSource timer, CancellationTokenRegistration registration) : IDisposable
    {
        public void Dispose()
        {
            // Unregistering waits for a callback under way, so no stop lands after the scope ends.
            registration.Dispose();
            timer.Dispose();
        }
    }
}
