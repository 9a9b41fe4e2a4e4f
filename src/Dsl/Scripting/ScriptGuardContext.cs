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

    /// <summary>The limit running now, if any; <see cref="Expire"/> and the scope's end take turns under the gate.</summary>
    private readonly Lock _scopeGate = new();
    private LimitScope? _scope;

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
        var scope = new LimitScope(this, timer, registration);
        lock (_scopeGate)
            _scope = scope;
        return scope;
    }

    /// <summary>
    /// Ends the running limit now, as if its time had passed; nothing once its scope has ended, so no stop is left behind
    /// for later code. For a caller whose own clock says the time is up before the limit's timer, which fires on the thread
    /// pool, has.
    /// </summary>
    public void Expire()
    {
        lock (_scopeGate)
            _scope?.Expire();
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

    private sealed class LimitScope(ScriptGuardContext owner, CancellationTokenSource timer, CancellationTokenRegistration registration) : IDisposable
    {
        /// <summary>Runs the timer's stop now, on this thread; called under the owner's gate, while the scope runs.</summary>
        public void Expire() => timer.Cancel();

        public void Dispose()
        {
            lock (owner._scopeGate)
            {
                if (owner._scope == this)
                    owner._scope = null;
                // Unregistering waits for a callback under way, so no stop lands after the scope ends.
                registration.Dispose();
                timer.Dispose();
            }
        }
    }
}
