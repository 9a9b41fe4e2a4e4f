using System.Runtime.Loader;
using ScriptComposer.Host.Watch;
using ScriptComposer.Tests.Support;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.Watch;

[Collection(WatchCollection.Name)]
public sealed class WatchMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_hundred_reloads_leave_no_load_context_alive_and_memory_flat()
    {
        using var folder = new TempFolder("watch-memory");
        var script = folder.Write("scene.csx", WatchScripts.Scene("#000000"));
        await using var session = new WatchSession(WatchScripts.Options(script), TextWriter.Null);

        long baseline = 0;
        var contextsAtBaseline = 0;
        for (var i = 0; i < 200; i++)
        {
            // A new color each time, so every reload also changes what the renderer caches.
            File.WriteAllText(script, WatchScripts.Scene($"#{i:x2}{255 - i:x2}80"));
            var state = await session.ReloadAsync();
            Assert.True(state.Ok, string.Join('\n', state.Diagnostics.Select(d => d.Text)));
            if (i == 19)
            {
                baseline = CollectedHeap(session);
                contextsAtBaseline = AssemblyLoadContext.All.Count();
            }
        }
        var after = CollectedHeap(session);

        var unloaded = session.UnloadedContexts;
        Assert.Equal(199, unloaded.Count);
        var alive = unloaded.Count(w => w.IsAlive);
        var contexts = WatchContexts();
        output.WriteLine($"heap after 20 reloads {baseline / 1e6:0.0} MB, after 200 {after / 1e6:0.0} MB; {alive} of {unloaded.Count} unloaded contexts alive; {contexts} watch contexts listed");
        Assert.True(alive == 0, $"Unloaded contexts still alive: {string.Join(", ", unloaded.Select((w, i) => (w, i)).Where(p => p.w.IsAlive).Select(p => $"#{p.i}"))}");
        Assert.Equal(1, contexts);
        // Every load context, sc's or Roslyn's (which made one per compiled script, never collected): none more than after
        // 20 reloads. Fewer is fine: a context an earlier test unloaded may be collected only now (this collection runs
        // alone, so no other test makes one meanwhile).
        var all = AssemblyLoadContext.All.Count();
        Assert.True(all <= contextsAtBaseline, $"{all} load contexts after 200 reloads, {contextsAtBaseline} after 20.");
        Assert.True(after - baseline < 16_000_000, $"The heap grew by {(after - baseline) / 1e6:0.0} MB over 180 reloads.");
    }

    /// <summary>The watch evaluations' load contexts still in the process: this session's current one, and any not yet collected.</summary>
    private static int WatchContexts() => AssemblyLoadContext.All.Count(c => c.Name?.StartsWith("sc watch #", StringComparison.Ordinal) == true);

    /// <summary>The heap once the unloaded contexts are gone, this session's and those of the watch tests before it.</summary>
    private static long CollectedHeap(WatchSession session)
    {
        for (var i = 0; i < 20; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (session.UnloadedContexts.All(w => !w.IsAlive) && WatchContexts() <= 1) break;
        }
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
