using System.Diagnostics;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// A <see cref="CleanupScope"/> cleans up what its own work tracked (a render from the studio page given up on), and
/// nothing of other work going on in the same process.
/// </summary>
public sealed class CleanupScopeTests
{
    [SkippableFact]
    public async Task Cleaning_a_scope_kills_its_processes_and_deletes_its_files_only_and_stops_what_it_tracks_later()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Starts sleep(1).");
        using var folder = new TempFolder("cleanup-scope");
        var scope = new CleanupScope();
        var (mine, other) = (folder.Write("mine.partial", "x"), folder.Write("other.partial", "x"));
        Process? scoped = null;
        // Tracked on a task the scope's thread started: the scope flows with the work.
        using (CleanupScope.Use(scope))
            await Task.Run(() =>
            {
                CleanupRegistry.Track(mine);
                scoped = CleanupRegistry.Start(new ProcessStartInfo("sleep", "30"));
            });
        CleanupRegistry.Track(other);
        using var outside = CleanupRegistry.Start(new ProcessStartInfo("sleep", "30"))!;
        try
        {
            var cleaned = scope.CleanUp();

            Assert.Equal((1, 1), cleaned);
            Assert.True(scoped!.HasExited);
            Assert.False(File.Exists(mine));
            Assert.False(outside.HasExited);
            Assert.True(File.Exists(other));
            // Work of the scope that goes on (a blocked thread that returns) makes no file and starts no process any more.
            var late = folder.Write("late.partial", "x");
            using (CleanupScope.Use(scope))
            {
                Assert.Throws<OperationCanceledException>(() => CleanupRegistry.Track(late));
                Assert.Throws<OperationCanceledException>(() => CleanupRegistry.Start(new ProcessStartInfo("sleep", "30")));
            }
            Assert.False(File.Exists(late));
            Assert.Equal((0, 0), scope.CleanUp());
        }
        finally
        {
            CleanupRegistry.Kill(outside);
            CleanupRegistry.Forget(outside);
            CleanupRegistry.Forget(other);
            scoped?.Dispose();
        }
    }
}
