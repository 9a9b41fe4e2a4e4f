namespace ScriptComposer.Dsl.Media;

/// <summary>
/// What ends the short ffmpeg and ffprobe runs that code on this thread (and the tasks it starts) waits for: probes of
/// inputs and output trials (<see cref="FfmpegTools"/>). A caller that holds script code to a time limit (sc watch's
/// worker) sets one around each job and stops it when the limit passes, so a job waiting on a file that never answers (a
/// named pipe, a hung network mount) ends with an error instead of holding its thread for ever.
/// </summary>
public sealed class HelperProcessStop
{
    private static readonly AsyncLocal<HelperProcessStop?> Ambient = new();

    private readonly CancellationTokenSource _stop = new();
    private string? _reason;

    /// <summary>The stop set for this thread's work, if any.</summary>
    public static HelperProcessStop? Current => Ambient.Value;

    /// <summary>Fires when <see cref="Stop"/> is called.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Why the helpers were stopped, as the end of a sentence ("because ..."); empty until <see cref="Stop"/>.</summary>
    public string Reason => Volatile.Read(ref _reason) ?? "";

    /// <summary>
    /// Whether the stop ended a helper the work was waiting on: the work is then unwinding with its error (through the
    /// script's code, its line being read), not blocked in a call, and may be given the time that takes.
    /// </summary>
    public bool EndedAHelper => Volatile.Read(ref _endedAHelper);

    private bool _endedAHelper;

    /// <summary>Called by a helper's run as the stop kills it.</summary>
    internal void NoteEnded() => Volatile.Write(ref _endedAHelper, true);

    /// <summary>Kills the helpers running under this stop, and any started under it later; the first reason is kept.</summary>
    public void Stop(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        _stop.Cancel();
    }

    /// <summary>Makes <paramref name="stop"/> the current one on this thread until the scope is disposed.</summary>
    public static IDisposable Use(HelperProcessStop stop)
    {
        var previous = Ambient.Value;
        Ambient.Value = stop;
        return new Scope(previous);
    }

    private sealed class Scope(HelperProcessStop? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
