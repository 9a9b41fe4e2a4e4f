using ScriptComposer.Host.Watch;

namespace ScriptComposer.Tests.Watch;

/// <summary>
/// A renderer or sound mix that a job abandoned by sc watch's worker may still be using is disposed once that job
/// returns, not under it, and not never (it was left undisposed whenever any job had been abandoned meanwhile).
/// </summary>
public sealed class DisposedWhenIdleTests
{
    [Fact]
    public void An_idle_value_is_disposed_at_once_and_cannot_be_used_after()
    {
        var value = new Counted();
        var owner = new DisposedWhenIdle<Counted>(value);
        Assert.Equal(3, owner.Use(v => 3));
        owner.Dispose();
        owner.Dispose();
        Assert.Equal(1, value.Disposals);
        Assert.Throws<ObjectDisposedException>(() => owner.Use(v => 0));
    }

    [Fact]
    public async Task A_value_in_use_on_another_thread_is_disposed_as_that_use_returns()
    {
        var value = new Counted();
        var owner = new DisposedWhenIdle<Counted>(value);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var stuck = Task.Factory.StartNew(() => owner.Use(v =>
        {
            entered.Set();
            release.Wait();
            return v.Disposals;
        }), TaskCreationOptions.LongRunning);
        entered.Wait();

        owner.Dispose();
        Assert.Equal(0, value.Disposals);
        Assert.Throws<ObjectDisposedException>(() => owner.Use(v => 0));

        release.Set();
        Assert.Equal(0, await stuck);
        Assert.Equal(1, value.Disposals);
        owner.Dispose();
        Assert.Equal(1, value.Disposals);
    }

    [Fact]
    public void A_use_that_throws_still_disposes_what_was_asked_for_meanwhile()
    {
        var value = new Counted();
        var owner = new DisposedWhenIdle<Counted>(value);
        Assert.Throws<InvalidOperationException>(() => owner.Use<int>(v =>
        {
            owner.Dispose();
            throw new InvalidOperationException("the job failed");
        }));
        Assert.Equal(1, value.Disposals);
    }

    private sealed class Counted : IDisposable
    {
        private int _disposals;

        public int Disposals => Volatile.Read(ref _disposals);

        public void Dispose() => Interlocked.Increment(ref _disposals);
    }
}
