using System.Runtime.ExceptionServices;

namespace ScriptComposer.Gpu.Cpu;

/// <summary>
/// Runs the chunks of a kernel's row loop on the calling thread and a fixed set of worker threads that live as long as the process,
/// so a kernel call allocates nothing of its own (<c>Parallel.For</c> allocates about 2 KB a call: its tasks and loop state, which a
/// render paid several times a frame). One loop runs at a time; a loop started while another runs (a second renderer on another
/// thread, or a loop inside a loop's body) runs all its chunks on the calling thread, which gives the same bytes. The first
/// exception a chunk throws is rethrown on the calling thread as it was thrown, once every chunk has ended.
/// </summary>
internal static class RowWorkers
{
    private static readonly Lock Gate = new();
    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly ManualResetEventSlim Finished = new(false);
    private static int _started;

    // The loop being run; written by the caller before it wakes the helpers, read by them after (the semaphore orders both).
    private static Action<int>? _body;
    private static int _chunks;
    private static int _next;
    private static int _running;
    private static ExceptionDispatchInfo? _error;

    [ThreadStatic] private static bool t_inLoop;

    /// <summary>Calls <paramref name="body"/>(i) for every i in [0, <paramref name="chunks"/>), in parallel where it can, on at most <see cref="CpuThreads.Count"/> threads.</summary>
    public static void Run(int chunks, Action<int> body) => Run(chunks, body, CpuThreads.Count);

    /// <summary>As <see cref="Run(int, Action{int})"/>, on at most <paramref name="threads"/> threads, the calling one included.</summary>
    internal static void Run(int chunks, Action<int> body, int threads)
    {
        var helpers = Math.Min(threads - 1, chunks - 1);
        if (helpers <= 0 || t_inLoop || !Gate.TryEnter())
        {
            for (var i = 0; i < chunks; i++) body(i);
            return;
        }
        try
        {
            EnsureStarted(helpers);
            _body = body;
            _chunks = chunks;
            _next = -1;
            _error = null;
            _running = helpers + 1;
            Finished.Reset();
            Wake.Release(helpers);
            Work();
            if (Interlocked.Decrement(ref _running) != 0)
                Finished.Wait();
            _error?.Throw();
        }
        finally
        {
            _body = null;
            _error = null;
            Gate.Exit();
        }
    }

    /// <summary>Takes chunks until none is left; an exception stops nothing but is kept (the first one) for the caller.</summary>
    private static void Work()
    {
        t_inLoop = true;
        try
        {
            int chunk;
            while ((chunk = Interlocked.Increment(ref _next)) < _chunks)
            {
                try
                {
                    _body!(chunk);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _error, ExceptionDispatchInfo.Capture(e), null);
                }
            }
        }
        finally
        {
            t_inLoop = false;
        }
    }

    /// <summary>Starts helper threads until there are <paramref name="helpers"/> (called under the gate).</summary>
    private static void EnsureStarted(int helpers)
    {
        for (var i = _started; i < helpers; i++, _started++)
        {
            new Thread(() =>
            {
                while (true)
                {
                    Wake.Wait();
                    Work();
                    if (Interlocked.Decrement(ref _running) == 0)
                        Finished.Set();
                }
            })
            {
                IsBackground = true,
                Name = $"sc cpu rows {i + 1}",
            }.Start();
        }
    }
}
