using ScriptComposer.Dsl.Media;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// The last word of an <c>sc</c> process: as it ends, however it ends (the command returned, a cancelled command was
/// given up on, code called <c>Environment.Exit</c>, or an exception no code caught), the ffmpeg processes and temporary
/// outputs still running or lying around are killed and deleted (<see cref="CleanupRegistry"/>). Ended before its
/// command finished, it also says so, since nothing else will: a script's own <c>Environment.Exit</c> is stopped at its
/// line (the script is woven so), but a library the script uses can still call it.
/// </summary>
internal sealed class ExitCleanup
{
    private readonly TextWriter _stderr;
    private readonly bool _verbose;
    private volatile bool _finished;

    private ExitCleanup(TextWriter stderr, bool verbose)
    {
        _stderr = stderr;
        _verbose = verbose;
    }

    /// <param name="verbose">Whether an exception no code caught is written with its stack trace.</param>
    public static ExitCleanup Install(TextWriter stderr, bool verbose)
    {
        var cleanup = new ExitCleanup(stderr, verbose);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cleanup.OnExit();
        AppDomain.CurrentDomain.UnhandledException += (_, e) => cleanup.OnUnhandledException(e.ExceptionObject);
        return cleanup;
    }

    /// <summary>The command is done (whatever its exit code): ending now is expected.</summary>
    public void Finished() => _finished = true;

    private void OnExit()
    {
        var (processes, paths, committed) = CleanupRegistry.CleanUp();
        if (committed.Count > 0)
        {
            // The command was given up on (a stop it did not answer in time) while an output was moved into place: ending waited for the move.
            _stderr.WriteLine($"sc: {ScCli.Naming(committed)} {(committed.Count == 1 ? "was" : "were")} being moved into place as sc ended, so sc finished the move first: {(committed.Count == 1 ? "it was" : "they were")} rendered whole and {(committed.Count == 1 ? "is" : "are")} in place.");
            _stderr.Flush();
        }
        if (_finished)
            return;
        _stderr.WriteLine(
            $"sc: the process was ended by Environment.Exit({Environment.ExitCode}) before the command finished (called by the script, or a library it uses); " +
            $"sc stopped {processes} ffmpeg process(es) and removed {paths} unfinished output(s). A script should not end the process: let it end after its last line, or throw an exception.");
        _stderr.Flush();
    }

    /// <summary>
    /// An exception no code caught, on a thread outside the command's guard (one the script started): .NET ends the process
    /// once this returns, with a crash (exit 134) and nothing cleaned up. Instead it is an error like any other of the script,
    /// at its line where the stack trace shows one, and the process ends with 1 after cleaning up (<see cref="OnExit"/>).
    /// </summary>
    private void OnUnhandledException(object thrown)
    {
        string message;
        try
        {
            message = Describe(thrown);
        }
        catch (Exception e)
        {
            message = $"error: an exception no code caught ended sc ({thrown.GetType().Name}; reading it failed: {e.Message})";
        }
        _finished = true;
        _stderr.WriteLine(message);
        _stderr.Flush();
        Environment.Exit(1);
    }

    private string Describe(object thrown)
    {
        const string Where = "thrown on a thread the script started, and caught by no code there, so sc stopped";
        if (thrown is not Exception exception)
            return $"error: {thrown} ({Where}).";
        if (ScriptHost.ScriptLineOf(exception) is (not null, not null))
        {
            var diagnostic = ScriptDiagnostic.Thrown(exception, ScCli.Innermost(exception));
            var text = (diagnostic with { Message = $"{diagnostic.Message} ({ScCli.Innermost(exception).GetType().Name} {Where}; catch it in the thread's own code)" }).Text;
            return _verbose ? $"{text}\n{exception}" : text;
        }
        return _verbose
            ? $"error: {exception.Message} ({exception.GetType().Name} thrown on a thread and caught by no code, so sc stopped)\n{exception}"
            : $"error: {exception.Message} ({exception.GetType().Name} thrown on a thread and caught by no code, so sc stopped; run with --verbose for the stack trace)";
    }
}
