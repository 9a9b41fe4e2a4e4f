using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// The last word of an <c>sc</c> process: as it ends, however it ends (the command returned, a cancelled command was
/// given up on, or code called <c>Environment.Exit</c>), the ffmpeg processes and temporary outputs still running or
/// lying around are killed and deleted (<see cref="CleanupRegistry"/>). Ended before its command finished, it also says
/// so, since nothing else will: a script's own <c>Environment.Exit</c> is stopped at its line (the script is woven so),
/// but a library the script uses can still call it.
/// </summary>
internal sealed class ExitCleanup
{
    private readonly TextWriter _stderr;
    private volatile bool _finished;

    private ExitCleanup(TextWriter stderr) => _stderr = stderr;

    public static ExitCleanup Install(TextWriter stderr)
    {
        var cleanup = new ExitCleanup(stderr);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cleanup.OnExit();
        return cleanup;
    }

    /// <summary>The command is done (whatever its exit code): ending now is expected.</summary>
    public void Finished() => _finished = true;

    private void OnExit()
    {
        var (processes, paths) = CleanupRegistry.CleanUp();
        if (_finished)
            return;
        _stderr.WriteLine(
            $"sc: the process was ended by Environment.Exit({Environment.ExitCode}) before the command finished (called by the script, or a library it uses); " +
            $"sc stopped {processes} ffmpeg process(es) and removed {paths} unfinished output(s). A script should not end the process: let it end after its last line, or throw an exception.");
        _stderr.Flush();
    }
}
