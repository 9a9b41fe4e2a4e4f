using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ScriptComposer.Host.Watch;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Watch;

/// <summary>
/// sc watch stops when asked and never hangs on a script: Ctrl+C during a first evaluation that blocks, a render from the
/// page whose script never ends, a deeply nested timeline, a port that is taken.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WatchStopTests
{
    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Ctrl_c_during_a_first_evaluation_that_blocks_ends_130_at_once_however_long_the_timeout(int signals)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Sends SIGINT with kill(1).");
        using var folder = new TempFolder("watch-stop");
        var script = folder.Write("s.csx", """
            System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
            Render(Color(32, 24, "red").WithDuration(1), "x.mp4", fps: 10);
            """);
        using var sc = ScRunner.StartInterruptible(["watch", script, "--port", "0", "--timeout", "60", "--backend", "cpu"]);
        Skip.If(sc is null, "SIGINT is ignored in this test run and python3, which restores it for the child, is not installed.");
        var stderr = sc.StandardError.ReadToEndAsync();
        var stdout = sc.StandardOutput.ReadToEndAsync();
        var clock = new Stopwatch();
        try
        {
            // By then the first evaluation is blocked in its sleep (the process has nothing to wait for; it is given the time).
            await Task.Delay(TimeSpan.FromSeconds(3));
            // A second Ctrl+C is sent only while sc is still stopping (kill(1) would complain of a process that is gone).
            for (var i = 0; i < signals && !sc.HasExited; i++)
            {
                using (var kill = Process.Start("kill", ["-INT", sc.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                    await kill.WaitForExitAsync();
                await Task.Delay(500);
            }
            clock.Restart();
            Assert.True(sc.WaitForExit(TimeSpan.FromSeconds(30)), $"sc watch did not stop within 30 s of SIGINT:\n{stderr.Result}");
        }
        finally
        {
            if (!sc.HasExited) sc.Kill(entireProcessTree: true);
        }
        var result = new ScResult(sc.ExitCode, await stdout, await stderr);
        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"It took {clock.Elapsed.TotalSeconds:0.0} s to stop after the signals (the timeout is 60 s).");
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_render_from_the_page_whose_script_never_ends_fails_at_the_time_limit_and_the_next_render_runs()
    {
        using var folder = new TempFolder("watch-stop");
        var good = WatchScripts.Scene("#2050c0");
        var script = folder.Write("s.csx", good);
        Directory.CreateDirectory(folder["out"]);
        await using var session = new WatchSession(WatchScripts.Options(script, TimeSpan.FromSeconds(2)), TextWriter.Null);
        await session.ReloadAsync();
        File.WriteAllText(script, "long n = 0;\nwhile (true) { n++; }\n" + good);

        session.StartRender();
        var failed = await WaitForRender(session, TimeSpan.FromSeconds(60));
        File.WriteAllText(script, good);
        session.StartRender();
        var again = await WaitForRender(session, TimeSpan.FromSeconds(120));

        Assert.Equal("failed", failed.State);
        Assert.Contains("was stopped", failed.Diagnostics.Single().Text, StringComparison.Ordinal);
        Assert.Equal((script, 2), (failed.Diagnostics.Single().File, failed.Diagnostics.Single().Line));
        Assert.True(again.State == "done", string.Join('\n', again.Diagnostics.Select(d => d.Text)));
    }

    [Fact]
    public async Task A_render_from_the_page_whose_frame_never_ends_fails_at_the_time_limit_without_an_output_and_the_next_render_runs()
    {
        using var folder = new TempFolder("watch-stop");
        var good = WatchScripts.Scene("#2050c0");
        var script = folder.Write("s.csx", good);
        Directory.CreateDirectory(folder["out"]);
        await using var session = new WatchSession(WatchScripts.Options(script, TimeSpan.FromSeconds(2)) with { RenderStallLimit = TimeSpan.FromSeconds(2) }, TextWriter.Null);
        await session.ReloadAsync();
        File.WriteAllText(script, good.Replace(".At(t => (160 + 10 * t, 90))", ".At(t => { while (t > 1.5) { } return (0, 0); })", StringComparison.Ordinal));

        session.StartRender();
        var failed = await WaitForRender(session, TimeSpan.FromSeconds(120));
        var leftOver = Directory.GetFiles(folder["out"]);
        File.WriteAllText(script, good);
        session.StartRender();
        var again = await WaitForRender(session, TimeSpan.FromSeconds(120));

        Assert.Equal("failed", failed.State);
        var error = failed.Diagnostics.Single();
        Assert.Contains("ran for more than 2 s and was stopped", error.Text, StringComparison.Ordinal);
        Assert.Equal((script, 2), (error.File, error.Line));
        Assert.Empty(leftOver);
        Assert.Equal(failed.Number + 1, again.Number);
        Assert.True(again.State == "done", string.Join('\n', again.Diagnostics.Select(d => d.Text)));
    }

    [Fact]
    public async Task A_render_from_the_page_whose_lambda_is_blocked_in_a_call_fails_past_the_stall_limit_leaves_nothing_and_the_next_render_runs()
    {
        using var folder = new TempFolder("watch-stop");
        var good = WatchScripts.Scene("#2050c0");
        var script = folder.Write("s.csx", good);
        Directory.CreateDirectory(folder["out"]);
        await using var session = new WatchSession(WatchScripts.Options(script, TimeSpan.FromSeconds(2)) with { RenderStallLimit = TimeSpan.FromSeconds(2) }, TextWriter.Null);
        await session.ReloadAsync();
        // Blocked in a call from frame 46 (1.533 s, the box's own 0.533 s) on: it never reaches a loop or a call of the script's own, so no stop is seen.
        File.WriteAllText(script, good.Replace(".At(t => (160 + 10 * t, 90))",
            ".At(t => { if (t > 0.5) System.Threading.Thread.Sleep(30000); return (0, 0); })", StringComparison.Ordinal));

        var clock = Stopwatch.StartNew();
        session.StartRender();
        using (var stuck = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            while (session.RenderStatus is { State: "running", FramesDone: < 46 })
                await Task.Delay(20, stuck.Token);
        var blocked = session.RenderStatus;
        var encoding = ChildProcesses.FfmpegChildren(folder.Path).Count;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var later = session.RenderStatus;
        var failed = await WaitForRender(session, TimeSpan.FromSeconds(60));
        var failedAfter = clock.Elapsed;
        var leftOver = Directory.GetFiles(folder["out"]);
        var ffmpegLeft = ChildProcesses.FfmpegChildren(folder.Path);
        File.WriteAllText(script, good);
        session.StartRender();
        var again = await WaitForRender(session, TimeSpan.FromSeconds(120));

        Assert.Equal(("running", 46), (blocked.State, blocked.FramesDone));
        Assert.Equal(1, encoding);
        // While it is blocked its clock goes on.
        Assert.Equal(("running", 46), (later.State, later.FramesDone));
        Assert.True(later.ElapsedSeconds >= blocked.ElapsedSeconds + 0.9, $"elapsed {blocked.ElapsedSeconds} s, then {later.ElapsedSeconds} s a second later");
        Assert.Equal("failed", failed.State);
        Assert.True(failedAfter < TimeSpan.FromSeconds(30), $"It failed after {failedAfter.TotalSeconds:0.0} s (stall limit 2 s).");
        var error = failed.Diagnostics.Single();
        Assert.Equal((script, 5), (error.File, error.Line));
        Assert.Contains("the render stalled while rendering out/scene.mp4: the script's code ran for more than 2 s without finishing frame 47 of 120 (at 1.533 s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("its thread was abandoned", error.Message, StringComparison.Ordinal);
        Assert.Equal("failed while rendering out/scene.mp4", failed.Current);
        Assert.Null(failed.EtaSeconds);
        Assert.Empty(leftOver);
        Assert.Empty(ffmpegLeft);
        Assert.Equal(failed.Number + 1, again.Number);
        Assert.True(again.State == "done", string.Join('\n', again.Diagnostics.Select(d => d.Text)));
        Assert.Equal(120, again.FramesDone);
    }

    [Fact]
    public void A_page_render_waits_a_minute_for_a_frame_or_longer_when_the_time_limit_is_longer()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), new WatchOptions("s.csx").EffectiveRenderStallLimit);
        Assert.Equal(TimeSpan.FromMinutes(3), new WatchOptions("s.csx") { TimeLimit = TimeSpan.FromMinutes(3) }.EffectiveRenderStallLimit);
        Assert.Equal(TimeSpan.FromSeconds(2), new WatchOptions("s.csx") { RenderStallLimit = TimeSpan.FromSeconds(2) }.EffectiveRenderStallLimit);
    }

    [Fact]
    public async Task A_timeline_of_forty_nested_composites_is_served()
    {
        using var folder = new TempFolder("watch-stop");
        var script = folder.Write("s.csx", """
            var slides = Enumerable.Range(0, 40).Select(i => (Clip)Color(32, 24, i % 2 == 0 ? "red" : "blue").WithDuration(1)).ToList();
            var scene = slides.Aggregate((a, s) => Composite(32, 24, a, s));
            Render(scene.WithDuration(1), "x.mp4", fps: 10);
            """);
        await using var server = await WatchServer.StartAsync(WatchScripts.Options(script), TextWriter.Null);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var state = await http.GetAsync("state");

        Assert.Equal(HttpStatusCode.OK, state.StatusCode);
        Assert.Contains("\"ok\":true", await state.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_is_named_with_the_way_out()
    {
        using var folder = new TempFolder("watch-stop");
        var script = folder.Write("s.csx", WatchScripts.Scene("#2050c0"));
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<ScriptComposer.Dsl.ScriptComposerException>(
            () => WatchServer.StartAsync(WatchScripts.Options(script) with { Port = port }, TextWriter.Null));

        Assert.Equal($"Port {port} on 127.0.0.1 is in use. Choose another with --port N (0 picks a free one).", error.Message);
    }

    private static async Task<RenderStatus> WaitForRender(WatchSession session, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (session.RenderStatus.State == "running")
            await Task.Delay(50, timeout.Token);
        return session.RenderStatus;
    }
}
