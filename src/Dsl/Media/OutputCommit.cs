namespace ScriptComposer.Dsl.Media;

/// <summary>
/// The moves into place of outputs proven whole: a file's rename over its name, or a picture sequence's pictures renamed one by
/// one (and an earlier, longer render's higher-numbered pictures removed). A move stopped half-way would leave a sequence
/// holding old and new pictures mixed, so once one has begun it is let finish: a stop waits for it (<c>sc</c>'s command and the
/// end of the process, <see cref="CleanupRegistry.CleanUp"/>, however long it takes), nothing deletes its temporary files
/// meanwhile, and none begins once the process is ending.
/// </summary>
public static class OutputCommit
{
    private static readonly object Gate = new();
    private static readonly List<string> Moving = [];
    private static bool _closed;

    /// <summary>
    /// A pause before each file is moved into place (<c>SC_TEST_SLOW_COMMIT_MS</c>): a test hook that makes the move last long
    /// enough for a signal to arrive during it.
    /// </summary>
    internal static TimeSpan PausePerFile { get; set; }

    /// <summary>Moves <paramref name="output"/> into place by <paramref name="move"/>, which nothing stops once it has begun.</summary>
    /// <exception cref="OperationCanceledException">The process is ending: nothing is moved, and the output stays as it was.</exception>
    public static void Run(string output, Action move)
    {
        ArgumentNullException.ThrowIfNull(move);
        lock (Gate)
        {
            if (_closed)
                throw new OperationCanceledException("sc is ending: no output is moved into place any more.");
            Moving.Add(output);
        }
        try
        {
            move();
        }
        finally
        {
            lock (Gate)
            {
                Moving.Remove(output);
                Monitor.PulseAll(Gate);
            }
        }
    }

    /// <summary>The outputs being moved into place now.</summary>
    public static IReadOnlyList<string> InProgress
    {
        get
        {
            lock (Gate) return [.. Moving];
        }
    }

    /// <summary>Waits, however long, until no output is being moved into place; returns those it waited for.</summary>
    public static IReadOnlyList<string> WaitForMoves() => Wait(close: false);

    /// <summary>As the process ends: waits, however long, for the moves under way, and lets none begin after; returns those it waited for.</summary>
    internal static IReadOnlyList<string> Close() => Wait(close: true);

    /// <summary>Called before each file is moved into place (see <see cref="PausePerFile"/>).</summary>
    internal static void BeforeEachFile()
    {
        if (PausePerFile > TimeSpan.Zero)
            Thread.Sleep(PausePerFile);
    }

    private static IReadOnlyList<string> Wait(bool close)
    {
        lock (Gate)
        {
            if (close)
                _closed = true;
            var waitedFor = Moving.ToList();
            while (Moving.Count > 0)
                Monitor.Wait(Gate);
            return waitedFor;
        }
    }
}
