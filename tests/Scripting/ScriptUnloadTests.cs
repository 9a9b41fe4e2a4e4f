using System.Runtime.Loader;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Scripting;

/// <summary>A process that runs sc commands one after another (a host using sc as a library) keeps no script's code loaded.</summary>
public sealed class ScriptUnloadTests
{
    [SkippableFact]
    public async Task Renders_in_one_process_leave_no_script_load_context_behind()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("unload");
        var name = $"s{Guid.NewGuid():N}";
        var good = folder.Write($"{name}.csx", """Render(Color(32, 24, "red").WithDuration(0.1).Opacity(t => 1 - t), "out.mp4", preset: "ultrafast");""");
        var bad = folder.Write($"{name}-bad.csx", """var clip = Color(32, 24, "red").WithDuration(-1);""");

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(0, (await ScRunner.RunAsync("render", good, "--backend", "cpu")).ExitCode);
            Assert.Equal(1, (await ScRunner.RunAsync("render", bad, "--backend", "cpu")).ExitCode);
        }

        var alive = 0;
        for (var attempt = 0; attempt < 10; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            alive = AssemblyLoadContext.All.Count(c => c.Name?.Contains(name, StringComparison.Ordinal) == true);
            if (alive == 0) break;
        }
        Assert.True(alive == 0, $"{alive} load contexts of the 8 renders are still alive.");
    }
}
