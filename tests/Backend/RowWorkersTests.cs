using System.Collections.Concurrent;
using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>The CPU backend's row loop: every chunk once, the first exception as thrown, and loops from several threads or inside a loop.</summary>
public sealed class RowWorkersTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(97)]
    public void Every_chunk_runs_exactly_once(int chunks)
    {
        var counts = new int[chunks];

        RowWorkers.Run(chunks, i => Interlocked.Increment(ref counts[i]));

        Assert.All(counts, c => Assert.Equal(1, c));
    }

    [Fact]
    public void A_chunks_exception_reaches_the_caller_as_thrown_after_every_other_chunk_ended()
    {
        var ran = 0;

        var error = Assert.Throws<InvalidOperationException>(() => RowWorkers.Run(64, i =>
        {
            Interlocked.Increment(ref ran);
            if (i == 5) throw new InvalidOperationException("chunk 5");
        }));

        Assert.Equal("chunk 5", error.Message);
        Assert.Equal(64, Volatile.Read(ref ran));
        var after = new int[8];
        RowWorkers.Run(8, i => after[i]++);
        Assert.All(after, c => Assert.Equal(1, c));
    }

    [Fact]
    public void Loops_from_several_threads_and_loops_inside_loops_each_run_every_chunk()
    {
        var seen = new ConcurrentDictionary<(int Thread, int Outer, int Inner), int>();

        Parallel.For(0, 6, thread =>
        {
            for (var round = 0; round < 20; round++)
            {
                RowWorkers.Run(4, outer => RowWorkers.Run(3, inner => seen.AddOrUpdate((thread, outer + 4 * round, inner), 1, (_, n) => n + 1)));
            }
        });

        Assert.Equal(6 * 80 * 3, seen.Count);
        Assert.All(seen.Values, n => Assert.Equal(1, n));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_loop_runs_on_no_more_threads_than_it_is_given(int count)
    {
        // The count is passed, not set through CpuThreads.Count: other tests apply options (SC_THREADS) in this process at any time.
        var threads = new ConcurrentDictionary<int, bool>();
        for (var round = 0; round < 50; round++)
            RowWorkers.Run(64, _ =>
            {
                threads.TryAdd(Environment.CurrentManagedThreadId, true);
                Thread.SpinWait(2000);
            }, count);

        Assert.InRange(threads.Count, 1, count);
        if (count == 1) Assert.Equal([Environment.CurrentManagedThreadId], threads.Keys);
    }
}
