namespace ScriptComposer.Dsl.Media;

/// <summary>
/// A Ctrl+C in the terminal reaches every process of its group: a child (ffmpeg, a worker, squeue) may end of it a moment
/// before this process hears of it. Before its failure is read as an error, the interrupt is given time to arrive, so the
/// render ends as cancelled (130) instead of with the child's own complaint.
/// </summary>
internal static class InterruptGrace
{
    /// <summary>How long a child's early end waits for the interrupt.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(500);

    /// <summary>Waits up to <see cref="Wait"/> for <paramref name="cancellation"/>, after a child ended in a way a Ctrl+C explains.</summary>
    public static void AfterChildStopped(CancellationToken cancellation) => cancellation.WaitHandle.WaitOne(Wait);
}
