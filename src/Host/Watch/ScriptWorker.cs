using System.Collections.Concurrent;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// Runs script code (evaluations, and renders, which call the script's lambdas) one job at a time on a thread of its
/// own (with a generous stack), under a time limit. The script's guarded code stops itself at the limit (its
/// <see cref="ScriptGuardContext"/>, checked at every loop and call); a job still running <see cref="Grace"/> after that
/// (stuck outside script code: a Thread.Sleep, a blocking wait) is abandoned with its thread, which cannot be killed in
/// .NET, and a fresh thread takes the next job. The ffmpeg and ffprobe runs a job waits on (probes, output trials) are
/// stopped at the limit too (<see cref="HelperProcessStop"/>), so a job waiting on an input that never answers ends with
/// its error instead of being abandoned.
/// </summary>
internal sealed class ScriptWorker : IDisposable
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    /// <summary>How long a job that saw the stop and is unwinding (finally blocks, the error's line) may take before it is abandoned.</summary>
    private static readonly TimeSpan Unwinding = TimeSpan.FromSeconds(10);

    /// <summary>The longest a job may run past its limit before it is abandoned.</summary>
    public static TimeSpan LongestOverrun => Grace + Unwinding;

    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly object _gate = new();
    private BlockingCollection<Action> _jobs;
    private readonly string? _scriptFolder;
    private int _abandoned;
    private bool _disposed;

    /// <param name="scriptFolder">The folder the script's relative paths resolve from, in every job (null: the working directory).</param>
    public ScriptWorker(string? scriptFolder = null)
    {
        _scriptFolder = scriptFolder;
        _jobs = StartThread();
    }

    /// <summary>How many threads were abandoned because a job would not stop.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    /// <summary>
    /// Runs <paramref name="work"/> on the worker; the script code of <paramref name="guard"/> throws
    /// <see cref="ScriptTimeoutException"/> past the limit (or <see cref="OperationCanceledException"/> once
    /// <paramref name="cancellation"/> is cancelled), and so does this when the job does not stop by itself.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<T> work, TimeSpan limit, ScriptGuardContext guard, CancellationToken cancellation = default)
    {
        await _one.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var helpers = new HelperProcessStop();
            BlockingCollection<Action> jobs;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                jobs = _jobs;
            }
            jobs.Add(() =>
            {
                try
                {
                    using (_scriptFolder is null ? null : MediaPaths.UseBaseDirectory(_scriptFolder))
                    using (HelperProcessStop.Use(helpers))
                    using (guard.Limit(limit, () => new ScriptTimeoutException(limit), cancellation))
                        done.TrySetResult(work());
                }
                catch (Exception e)
                {
                    done.TrySetException(e);
                }
            }, CancellationToken.None);
            // The job is the only one queued, so it starts at once; the limit counts from now. A Ctrl+C ends the wait at once:
            // script code that reaches a check stops, and a job blocked in a call is abandoned after the grace, not the limit.
            if (await FinishesWithin(done.Task, limit, cancellation).ConfigureAwait(false))
                return await done.Task.ConfigureAwait(false);
            if (cancellation.IsCancellationRequested)
            {
                helpers.Stop("because the command was cancelled");
                // As past the limit: script code that reached a check gets its time to unwind; only a job blocked in a call is
                // abandoned (and counted in Abandoned, which tells the caller to let it keep what it was using).
                if (await FinishesWithin(done.Task, Grace).ConfigureAwait(false)
                    || ((guard.StopSeen || helpers.EndedAHelper) && await FinishesWithin(done.Task, Unwinding).ConfigureAwait(false)))
                    return await done.Task.ConfigureAwait(false);
                Abandon(jobs);
                throw new OperationCanceledException(cancellation);
            }
            // The guard's own timer fires on the thread pool, which a busy machine can hold up: end the limit from here too,
            // and count the grace from now. Script code that reached a check is unwinding and gets longer; only a job that
            // never reached one (blocked in a call) is abandoned after the grace. One whose probe was killed is unwinding too.
            guard.Expire();
            // A probe or an output trial that waits on a file that never answers ends too, so the job unwinds with its error.
            helpers.Stop($"because the script ran for more than {limit.TotalSeconds:0.#} s");
            if (await FinishesWithin(done.Task, Grace).ConfigureAwait(false)
                || ((guard.StopSeen || helpers.EndedAHelper) && await FinishesWithin(done.Task, Unwinding).ConfigureAwait(false)))
                return await done.Task.ConfigureAwait(false);
            Abandon(jobs);
            throw new ScriptTimeoutException(limit, abandoned: true);
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _jobs.CompleteAdding();
        }
    }

    /// <summary>
    /// Whether <paramref name="task"/> is done within <paramref name="time"/>, waiting no longer once <paramref name="cancellation"/>
    /// is cancelled (its outcome is not observed here).
    /// </summary>
    private static async Task<bool> FinishesWithin(Task task, TimeSpan time, CancellationToken cancellation = default)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        await Task.WhenAny(task, Task.Delay(time, timer.Token)).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        return task.IsCompleted;
    }

    private void Abandon(BlockingCollection<Action> stuck)
    {
        lock (_gate)
        {
            // The stuck thread ends by itself if its job ever returns: its queue takes no more work.
            stuck.CompleteAdding();
            Interlocked.Increment(ref _abandoned);
            if (!_disposed)
                _jobs = StartThread();
        }
    }

    private static BlockingCollection<Action> StartThread()
    {
        var jobs = new BlockingCollection<Action>();
        var thread = new Thread(() =>
        {
            // The finished job is cleared before waiting for the next: a delegate left in a local would keep the
            // script's load context alive while the thread waits.
            Action? job;
            while (jobs.TryTake(out job, Timeout.Infinite))
            {
                job();
                job = null;
            }
            jobs.Dispose();
        }, maxStackSize: ScriptThread.StackSize)
        {
            IsBackground = true,
            Name = "sc watch script",
        };
        thread.Start();
        return jobs;
    }
}
