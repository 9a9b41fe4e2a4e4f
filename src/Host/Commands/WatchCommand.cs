using System.CommandLine;
using ScriptComposer.Dsl;
using ScriptComposer.Host.Configuration;
using ScriptComposer.Host.Watch;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// <c>sc watch SCRIPT</c>: evaluates the script again on every save and shows the result on a live page at
/// 127.0.0.1, with one line per reload on the terminal, until Ctrl+C.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(ScOptions configuration, TextWriter stdout, TextWriter stderr)
    {
        var script = CommonOptions.Script();
        var port = new Option<int>("--port")
        {
            Description = "The port of the preview page on 127.0.0.1 (0 picks a free one).",
            DefaultValueFactory = _ => 5170,
            CustomParser = r => CommonOptions.WholeNumber(r, "--port", "5170") ?? 0,
        };
        var at = new Option<double>("--at") { Description = "The time shown first, in seconds or as a clock (1:05.5).", CustomParser = r => CommonOptions.Time(r, "--at", "1.5") ?? 0 };
        var scale = new Option<double>("--scale")
        {
            Description = "The size of the playback proxy, as a fraction of the output.",
            DefaultValueFactory = _ => 0.5,
            CustomParser = r => CommonOptions.Number(r, "--scale", "0.5") ?? 0,
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds a script (or a frame of it) may run before it is stopped.",
            DefaultValueFactory = _ => 5,
            CustomParser = r => CommonOptions.Number(r, "--timeout", "5") ?? 0,
        };
        var backend = CommonOptions.Backend();
        var set = CommonOptions.Set();
        var verbose = CommonOptions.Verbose();
        var command = new Command("watch", "Re-run a script on every save and preview it live in the browser.") { script, port, at, scale, timeout, backend, set, verbose };
        command.SetAction(async (result, cancellation) =>
        {
            WatchServer? server = null;
            // Off the calling thread: the first evaluation may block, and the command line's Ctrl+C handling needs the action's task at once
            // (a second Ctrl+C while it had none crashed the process).
            var code = await Task.Run(() => ScCli.Guard(stderr, result.GetValue(verbose), () =>
            {
                var seconds = result.GetValue(timeout);
                if (!(seconds > 0) || seconds > 3600)
                    throw new ScriptComposerException($"--timeout {seconds} is impossible; give the seconds a script may run, more than 0 and at most 3600.");
                if (result.GetValue(port) is < 0 or > 65535)
                    throw new ScriptComposerException($"--port {result.GetValue(port)} is not a port; give 1 to 65535, or 0 for a free one.");
                var options = new WatchOptions(result.GetValue(script)!)
                {
                    Port = result.GetValue(port),
                    At = result.GetValue(at),
                    Scale = result.GetValue(scale),
                    Backend = result.GetValue(backend),
                    Args = ScCli.ParseSet(result.GetValue(set)),
                    TimeLimit = TimeSpan.FromSeconds(seconds),
                    Cuda = configuration.Cuda,
                };
                server = WatchServer.StartAsync(options, stdout, cancellation).GetAwaiter().GetResult();
                return 0;
            }), CancellationToken.None).ConfigureAwait(false);
            if (code != 0 || server is null)
                return code;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C.
            }
            await server.DisposeAsync().ConfigureAwait(false);
            stdout.WriteLine("sc watch: stopped.");
            return 0;
        });
        return command;
    }
}
