using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Host.Scripting;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Scripting;

/// <summary>
/// A script's code stops when the command is cancelled, wherever it runs: in the evaluation (compiled now or loaded
/// from the compiled-script cache) and in the render that calls its lambdas.
/// </summary>
public sealed class ScriptGuardTests : IDisposable
{
    private readonly TempFolder _folder = new("guard");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_endless_loop_stops_when_the_evaluation_is_cancelled_whether_compiled_now_or_cached()
    {
        var host = new ScriptHost(new CompiledScriptCache(_folder["cache"]));
        var script = _folder.Write("spin.csx", "File.WriteAllText(Args[\"ready\"], \"\");\nvar n = 0L;\nwhile (true)\n    n++;\n");

        for (var round = 0; round < 2; round++)
        {
            File.Delete(_folder["ready"]);
            using var cancel = new CancellationTokenSource();
            var args = new ScriptArgs(new Dictionary<string, string> { ["ready"] = _folder["ready"] });
            var evaluation = ScriptThread.Run("test", () => host.Evaluate(script, args, cancel.Token));
            await WaitFor.FileAsync(_folder["ready"], TimeSpan.FromSeconds(60), evaluation);

            await cancel.CancelAsync();

            var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => evaluation.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal((script, 4), ScriptHost.ScriptLineOf(stopped));
            // One entry, stored by the first round and loaded (woven as stored) by the second.
            Assert.Single(Directory.GetFiles(_folder["cache"]));
        }
    }

    [SkippableFact]
    public async Task A_frame_generator_that_never_returns_stops_when_the_render_is_cancelled()
    {
        ToolRunner.RequireFfmpeg();
        var host = new ScriptHost(new CompiledScriptCache(null));
        var script = _folder.Write("frames.csx", """
            var clip = Frames(64, 48, 3, (t, rgba) =>
            {
                if (t >= 1)
                {
                    File.WriteAllText(Args["ready"], "");
                    while (true) { rgba[0]++; }
                }
            });
            Render(clip, "out.mp4", preset: "ultrafast");
            """);
        var args = new ScriptArgs(new Dictionary<string, string> { ["ready"] = _folder["ready"] });
        using var cancel = new CancellationTokenSource();
        var evaluation = host.Evaluate(script, args, cancel.Token);
        var video = Assert.IsType<VideoOutput>(Assert.Single(evaluation.Outputs));

        var render = ScriptThread.Run("test render", () =>
        {
            using var stop = evaluation.Guard.StopOn(cancel.Token);
            using var cpu = new CpuBackend();
            return RenderJob.RenderVideo(video, cpu, cancellation: cancel.Token);
        });
        await WaitFor.FileAsync(_folder["ready"], TimeSpan.FromSeconds(60), render);
        Assert.Contains(_folder.Files(), f => f.Contains(".partial", StringComparison.Ordinal));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => render.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(Host.Commands.ScCli.IsCancellation(render.Exception!), render.Exception!.ToString());
        Assert.Equal(["frames.csx", "ready"], _folder.Files());
        ChildProcesses.AssertNoFfmpegChild(_folder.Path);
    }
}
