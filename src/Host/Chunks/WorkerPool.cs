using ScriptComposer.Dsl;
using ScriptComposer.Host.Configuration;

namespace ScriptComposer.Host.Chunks;

/// <summary>
/// Runs items of work as <see cref="WorkerProcess"/>es, at most a given number at a time, and reports their frames as one
/// sum. Cancellation stops every worker (each cleans up as on Ctrl+C; any still running a moment later is killed with what
/// it started).
/// </summary>
internal sealed class WorkerPool(int workers)
{
    private static readonly TimeSpan StopWait = TimeSpan.FromMilliseconds(600);

    /// <summary>One item: its name for messages, and the arguments of its sc process.</summary>
    public sealed record Item(string Name, IReadOnlyList<string> Arguments);

    /// <summary>How far the items are: those finished (and their frames), and (done, total) frames of each running one.</summary>
    public sealed record Progress(int FinishedItems, long FinishedFrames, IReadOnlyList<(long Done, long Total)> Running)
    {
        public long Frames => FinishedFrames + Running.Sum(r => r.Done);

        /// <summary>Items done, counting each running one by its share of frames.</summary>
        public double Items => FinishedItems + Running.Sum(r => r.Total > 0 ? (double)r.Done / r.Total : 0);
    }

    /// <summary>An item that failed, with what its worker said.</summary>
    public sealed record Failure(Item Item, int ExitCode, string Stderr);

    /// <summary>
    /// Runs <paramref name="items"/>; <paramref name="progress"/> is called about ten times a second. With <paramref name="stopOnFailure"/>, the first failure stops the rest (a chunk that failed makes its
    /// render fail); without it, every item runs (a batch). Returns the failures.
    /// </summary>
    public IReadOnlyList<Failure> Run(IReadOnlyList<Item> items, bool stopOnFailure, Action<Progress> progress, CancellationToken cancellation,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        environment = WorkerEnvironment(environment, Math.Min(workers, items.Count), ScOptions.Current.Threads, Environment.ProcessorCount);
        var queue = new Queue<Item>(items);
        var running = new List<(Item Item, WorkerProcess Process)>();
        var failures = new List<Failure>();
        long finished = 0;
        var finishedItems = 0;
        try
        {
            while (queue.Count > 0 || running.Count > 0)
            {
                if (cancellation.IsCancellationRequested)
                {
                    StopAll(running.Select(r => r.Process));
                    cancellation.ThrowIfCancellationRequested();
                }
                while (running.Count < workers && queue.Count > 0 && (failures.Count == 0 || !stopOnFailure))
                {
                    var item = queue.Dequeue();
                    running.Add((item, WorkerProcess.Start(item.Name, [.. item.Arguments, "--worker"], environment)));
                }
                foreach (var entry in running.Where(r => r.Process.HasExited).ToList())
                {
                    entry.Process.WaitForExit(TimeSpan.FromSeconds(5));
                    running.Remove(entry);
                    finishedItems++;
                    if (entry.Process.ExitCode == 0)
                        finished += entry.Process.Done;
                    else if (!cancellation.IsCancellationRequested)
                        failures.Add(new Failure(entry.Item, entry.Process.ExitCode, entry.Process.StderrTail));
                    entry.Process.Dispose();
                }
                if (failures.Count > 0 && stopOnFailure)
                {
                    queue.Clear();
                    StopAll(running.Select(r => r.Process));
                    foreach (var r in running) r.Process.Dispose();
                    running.Clear();
                    break;
                }
                progress(new Progress(finishedItems, finished, running.Select(r => (r.Process.Done, r.Process.Total)).ToList()));
                cancellation.WaitHandle.WaitOne(100);
            }
        }
        finally
        {
            foreach (var (_, process) in running) process.Dispose();
        }
        return failures;
    }

    /// <summary>
    /// The environment the workers start with: <paramref name="environment"/>, with <c>SC_THREADS</c> set to each one's share
    /// of the <paramref name="cores"/> (at least one), so that N workers do not each run a row-loop and a decoder thread per
    /// core and fight over them. Where this process has an <c>SC_THREADS</c> of its own (<paramref name="threads"/>), the
    /// workers inherit it instead.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> WorkerEnvironment(IReadOnlyDictionary<string, string>? environment, int workers, int? threads, int cores)
    {
        var result = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        if (threads is null && !result.ContainsKey(ThreadsVariable))
            result[ThreadsVariable] = Math.Max(1, cores / Math.Max(1, workers)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }

    private const string ThreadsVariable = "SC_THREADS";

    /// <summary>Asks every worker to stop, waits a moment for them to clean up, and kills those still there.</summary>
    private static void StopAll(IEnumerable<WorkerProcess> processes)
    {
        var list = processes.ToList();
        foreach (var p in list) p.Stop();
        var deadline = DateTime.UtcNow + StopWait;
        foreach (var p in list)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !p.WaitForExit(left))
                p.Kill();
        }
    }

    /// <summary>The message for failed items: each by name, with the end of what its worker said.</summary>
    public static string Describe(IEnumerable<Failure> failures) =>
        string.Join('\n', failures.Select(f => $"{f.Item.Name} failed (exit code {f.ExitCode}):\n  {Reason(f).Replace("\n", "\n  ", StringComparison.Ordinal)}"));

    /// <summary>Why an item failed: what its worker said, and first that it was killed, where a signal ended it (exit code 128 + the signal).</summary>
    public static string Reason(Failure failure)
    {
        if (failure.ExitCode is > 128 and < 160 && failure.ExitCode != 130)
        {
            var signal = failure.ExitCode - 128;
            var name = signal switch { 9 => "SIGKILL", 15 => "SIGTERM", 6 => "SIGABRT", 11 => "SIGSEGV", _ => $"signal {signal}" };
            return $"its worker process was killed ({name}{(signal == 9 ? ": by hand, or by the system when memory ran out" : "")})" +
                (failure.Stderr.Length > 0 ? $"; it had said:\n{failure.Stderr}" : ".");
        }
        return failure.Stderr.Length > 0 ? failure.Stderr : $"its worker process ended with exit code {failure.ExitCode} without a word.";
    }

    /// <summary>The most worker processes sc runs at once.</summary>
    public const int MostJobs = 1024;

    /// <summary>Refuses a worker count that is not one, or more than <see cref="MostJobs"/>.</summary>
    public static void Check(int jobs)
    {
        if (jobs < 1)
            throw new ScriptComposerException($"--jobs {jobs} runs no worker; give 1 or more (the number of processes to render with at once), such as --jobs 4.");
        if (jobs > MostJobs)
            throw new ScriptComposerException($"--jobs {jobs} is more worker processes than sc starts at once (at most {MostJobs}). Give about as many as this machine has cores, such as --jobs {Environment.ProcessorCount}.");
    }
}
