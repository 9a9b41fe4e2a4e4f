using System.Runtime.InteropServices;
using ScriptComposer.Host.Commands;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// How sc answers Ctrl+C and SIGTERM (<see cref="TerminationSignals"/>), driven without a real signal: the first asks the command
/// to stop and, when it does not, ends it with the signal's code after the timeout; more signals, before or after that, change nothing
/// (System.CommandLine's handler completed its result once per signal and crashed on the second).
/// </summary>
public sealed class TerminationSignalsTests
{
    [Fact]
    public async Task A_command_that_ignores_the_stop_ends_with_the_signals_code_and_more_signals_change_nothing()
    {
        using var signals = new TerminationSignals(TimeSpan.FromMilliseconds(100));
        var never = new TaskCompletionSource<int>();
        var running = signals.RunAsync(_ => never.Task);

        signals.Received(PosixSignal.SIGINT);
        signals.Received(PosixSignal.SIGTERM);
        var code = await running.WaitAsync(TimeSpan.FromSeconds(30));
        signals.Received(PosixSignal.SIGINT);

        Assert.Equal(130, code);
        Assert.True(signals.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)), "The first signal did not cancel the command's token.");
        Assert.Equal(130, await signals.Forced);
    }

    [Fact]
    public async Task A_command_that_stops_ends_with_its_own_code()
    {
        using var signals = new TerminationSignals(TimeSpan.FromSeconds(30));
        var running = signals.RunAsync(async token =>
        {
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            return 7;
        });

        signals.Received(PosixSignal.SIGTERM);

        Assert.Equal(7, await running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(signals.Forced.IsCompleted);
    }

    [Fact]
    public async Task Without_a_signal_the_command_runs_to_its_end()
    {
        using var signals = new TerminationSignals(TimeSpan.FromMilliseconds(1));

        Assert.Equal(0, await signals.RunAsync(token => Task.FromResult(token.IsCancellationRequested ? 1 : 0)));
    }
}
