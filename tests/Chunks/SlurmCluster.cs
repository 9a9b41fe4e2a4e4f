using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Chunks;

/// <summary>
/// A one-node Slurm cluster on this machine for the tests that submit to one: started by <c>scripts/slurm-one-node start</c>
/// (munged, slurmctld and slurmd run directly, as root) and stopped at the end by the PIDs in their pid files, unless it was
/// already running. Test runs of other checkouts on the same machine take turns through a lock file. When the daemons cannot
/// start, <see cref="Require"/> skips with the reason, or fails under <c>SC_REQUIRE_SLURM=1</c> (CI).
/// </summary>
public sealed class SlurmCluster : IDisposable
{
    private static readonly string Helper = Path.Combine(RepositoryFiles.Root, "scripts", "slurm-one-node");

    private readonly FileStream? _lock;
    private readonly bool _started;
    private readonly string? _unavailable;

    public SlurmCluster()
    {
        _lock = TakeLock(TimeSpan.FromMinutes(10));
        if (_lock is null)
        {
            _unavailable = "another test run held the Slurm test cluster for 10 minutes";
            return;
        }
        var status = ToolRunner.Run("bash", [Helper, "status"]);
        var running = status.ExitCode == 0 && !System.Text.Encoding.UTF8.GetString(status.Stdout).Contains("stopped", StringComparison.Ordinal);
        var start = ToolRunner.Run("bash", [Helper, "start"], TimeSpan.FromSeconds(90));
        if (start.ExitCode != 0)
            _unavailable = $"the one-node Slurm cluster did not start (scripts/slurm-one-node start: {start.Stderr.Trim()}); run scripts/install-deps --tests, as root";
        _started = !running && start.ExitCode == 0;
    }

    /// <summary>Skips the calling test when there is no cluster, or fails when CI requires one.</summary>
    public void Require()
    {
        if (_unavailable is null)
            return;
        if (Environment.GetEnvironmentVariable("SC_REQUIRE_SLURM") == "1")
            Assert.Fail($"SC_REQUIRE_SLURM=1 but {_unavailable}.");
        Skip.If(true, _unavailable);
    }

    public void Dispose()
    {
        if (_started)
            ToolRunner.Run("bash", [Helper, "stop"], TimeSpan.FromSeconds(60));
        _lock?.Dispose();
    }

    private static FileStream? TakeLock(TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                return new FileStream(Path.Combine(Path.GetTempPath(), "sc-slurm-tests.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(1000);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
