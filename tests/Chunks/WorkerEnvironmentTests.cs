using ScriptComposer.Host.Chunks;

namespace ScriptComposer.Tests.Chunks;

/// <summary>The cores each worker of <c>--jobs N</c> (or a batch) is given through <c>SC_THREADS</c>.</summary>
public sealed class WorkerEnvironmentTests
{
    [Theory]
    [InlineData(16, 16, "1")]
    [InlineData(16, 8, "2")]
    [InlineData(16, 3, "5")]
    [InlineData(2, 2, "1")]
    [InlineData(2, 4, "1")]
    [InlineData(8, 1, "8")]
    public void Each_worker_gets_its_share_of_the_cores_and_at_least_one(int cores, int workers, string threads)
    {
        var environment = WorkerPool.WorkerEnvironment(new Dictionary<string, string> { ["SC_CACHE_DIR"] = "/c" }, workers, threads: null, cores);

        Assert.Equal(new Dictionary<string, string> { ["SC_CACHE_DIR"] = "/c", ["SC_THREADS"] = threads }, environment);
    }

    [Fact]
    public void Workers_inherit_an_sc_threads_this_process_was_given()
    {
        Assert.Empty(WorkerPool.WorkerEnvironment(null, workers: 4, threads: 3, cores: 16));
    }
}
