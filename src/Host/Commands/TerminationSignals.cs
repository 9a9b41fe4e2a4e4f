using System.Runtime.InteropServices;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM while a command runs, handled here instead of by System.CommandLine: the first signal cancels
/// <see cref="Token"/>, and when the command has not ended the timeout later, <see cref="Forced"/> gives the
/// exit code to end with (130 for SIGINT, 143 for SIGTERM) without it. Any later signal changes nothing. System.CommandLine's
/// own handler completed its result once per signal, so a second signal to a command that had not stopped crashed the
/// process (InvalidOperationException: a task completed twice) instead of ending it.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<int> _forced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _timeout;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _signalled;

    public TerminationSignals(TimeSpan timeout)
    {
        _timeout = timeout;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // Where the signal does not exist the process ends as it always did.
            }
        }
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The exit code to end with, once the command has had its time to stop after a signal and has not.</summary>
    public Task<int> Forced => _forced.Task;

    /// <summary>Runs <paramref name="invocation"/> with <see cref="Token"/>; its exit code, or the signal's when it does not stop in time.</summary>
    public async Task<int> RunAsync(Func<CancellationToken, Task<int>> invocation)
    {
        var running = invocation(Token);
        var first = await Task.WhenAny(running, Forced).ConfigureAwait(false);
        return await first.ConfigureAwait(false);
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The process goes on: the command stops and ends it with its own exit code.
        context.Cancel = true;
        Received(context.Signal);
    }

    /// <summary>What a signal does (the first cancels and starts the clock; any later one nothing); called by the handler, and by tests.</summary>
    internal void Received(PosixSignal signal)
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 1)
            return;
        var code = signal == PosixSignal.SIGINT ? 130 : 143;
        _ = Task.Delay(_timeout, CancellationToken.None).ContinueWith(_ => _forced.TrySetResult(code), TaskScheduler.Default);
        // Off the signal's thread: the token's callbacks (the script's stop among them) run where Cancel is called.
        _ = Task.Run(_stop.Cancel);
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }
}
