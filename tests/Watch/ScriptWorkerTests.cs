using System.Diagnostics;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Watch;

namespace ScriptComposer.Tests.Watch;

public sealed class ScriptWorkerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(0.3);

    [Fact]
    public async Task A_job_that_reached_a_check_is_waited_for_while_it_unwinds_however_slowly()
    {
        using var worker = new ScriptWorker();
        var guard = new ScriptGuardContext();
        var unwound = false;
        var stopped = await Assert.ThrowsAsync<ScriptTimeoutException>(() => worker.RunAsync<int>(() =>
        {
            try
            {
                while (true)
                    ScriptGuard.Loop(guard);
            }
            finally
            {
                // A finally block that takes longer than the grace: the job is unwinding, not blocked.
                Thread.Sleep(ScriptWorker.Grace + TimeSpan.FromSeconds(0.5));
                unwound = true;
            }
        }, Limit, guard));

        Assert.False(stopped.Abandoned);
        Assert.True(unwound);
        Assert.Equal(0, worker.Abandoned);
        Assert.Equal(42, await worker.RunAsync(() => 42, Limit, guard));
    }

    [Fact]
    public async Task A_job_that_never_reaches_a_check_is_abandoned_a_grace_after_the_limit_and_the_next_one_runs()
    {
        using var worker = new ScriptWorker();
        var guard = new ScriptGuardContext();
        using var release = new ManualResetEventSlim();
        var clock = Stopwatch.StartNew();
        var stopped = await Assert.ThrowsAsync<ScriptTimeoutException>(() => worker.RunAsync(() => release.Wait(TimeSpan.FromSeconds(60)), Limit, guard));
        clock.Stop();

        Assert.True(stopped.Abandoned);
        Assert.True(clock.Elapsed >= Limit + ScriptWorker.Grace - TimeSpan.FromMilliseconds(50), $"abandoned after {clock.Elapsed}");
        Assert.Equal(1, worker.Abandoned);
        Assert.Equal(42, await worker.RunAsync(() => 42, Limit, guard));
        release.Set();
    }

    [Fact]
    public void Expiring_a_limit_stops_script_code_with_its_timeout_and_leaves_nothing_once_the_limit_ended()
    {
        var guard = new ScriptGuardContext();
        using (guard.Limit(TimeSpan.FromMinutes(10), () => new ScriptTimeoutException(TimeSpan.FromMinutes(10))))
        {
            Assert.False(guard.IsStopping);
            guard.Expire();
            Assert.True(guard.IsStopping);
            var stopped = Assert.Throws<ScriptTimeoutException>(() => ScriptGuard.Loop(guard));
            Assert.False(stopped.Abandoned);
            Assert.True(guard.StopSeen);
        }

        using (guard.Limit(TimeSpan.FromMinutes(10), () => new ScriptTimeoutException(TimeSpan.FromMinutes(10))))
            Assert.False(guard.IsStopping);
        // A worker that finds the job over late must not leave a stop for whatever runs the script's code next.
        guard.Expire();
        Assert.False(guard.IsStopping);
        ScriptGuard.Loop(guard);
    }
}
