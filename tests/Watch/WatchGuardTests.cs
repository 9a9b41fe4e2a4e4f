using System.Diagnostics;
using System.Globalization;
using ScriptComposer.Dsl;
using ScriptComposer.Host.Watch;
using ScriptComposer.Tests.Support;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.Watch;

/// <summary>
/// sc watch and script code that never ends or would end the process: stopped where it runs (worker threads of a pixel
/// function included), reported at its line, and the watcher goes on. Recursion and Environment.Exit are tried on a
/// real sc watch, since without the guards they end the process they run in.
/// </summary>
public sealed class WatchGuardTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new("watch-guard");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_endless_loop_in_a_pixel_function_is_stopped_on_every_worker_thread()
    {
        var script = _folder.Write("scene.csx", """
            var spin = PixelEffect(cpu: (px, x, y, t) =>
            {
                while (t >= 1) { }
                return px;
            });
            Render(Color(64, 36, "#2050c0").WithDuration(2).Apply(spin), "out.mp4");
            """);
        await using var session = new WatchSession(WatchScripts.Options(script, TimeSpan.FromSeconds(1)), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ScriptComposerException>(() => session.RenderFrameAsync(1.5));
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: {error.Message}");

        Assert.Contains("ran for more than 1 s and was stopped", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{script}(3): error: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, session.State.AbandonedThreads);
        // The same generation still renders the frames that do not loop.
        Assert.Equal((0x20, 0x50, 0xc0, 255), WatchScripts.Pixel((await session.RenderFrameAsync(0.5)).Bytes, 5, 5));
    }

    [Fact]
    public async Task The_sound_whose_volume_function_never_ends_is_stopped_at_the_time_limit_and_answered_with_its_line()
    {
        var script = _folder.Write("scene.csx", """
            var hum = Tone(440, 1).Volume(t =>
            {
                while (t > 0.5) { }
                return 1.0;
            });
            Render(Composite(64, 36, Color(64, 36, "#2050c0"), hum).WithDuration(2), "out.mp4");
            """);
        await using var server = await WatchServer.StartAsync(WatchScripts.Options(script, TimeSpan.FromSeconds(1)), TextWriter.Null);
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        Assert.True(server.Session.State.Ok);

        var clock = Stopwatch.StartNew();
        using var sound = await http.GetAsync("sound.wav");
        var message = await sound.Content.ReadAsStringAsync();
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: {(int)sound.StatusCode} {message}");

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, sound.StatusCode);
        Assert.StartsWith($"{script}(3): error: the script ran for more than 1 s and was stopped", message, StringComparison.Ordinal);
        // The loop was stopped, not left spinning on the worker: the next frame renders.
        Assert.Equal((0x20, 0x50, 0xc0, 255), WatchScripts.Pixel((await server.Session.RenderFrameAsync(1.5)).Bytes, 5, 5));
    }

    [SkippableFact]
    public async Task A_script_whose_input_never_answers_is_stopped_at_the_time_limit_with_its_probe()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Uses a named pipe.");
        ToolRunner.RequireFfmpeg();
        var pipe = _folder["input.mp4"];
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        var script = _folder.Write("scene.csx", WatchScripts.Scene("#2050c0"));
        await using var session = new WatchSession(WatchScripts.Options(script, TimeSpan.FromSeconds(1)), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);

        // ffprobe opens the pipe and waits for a writer that never comes: its wait is not script code a guard can stop.
        File.WriteAllText(script, "var v = Video(\"input.mp4\");\n" + WatchScripts.Scene("#e03010"));
        var stopped = await session.ReloadAsync();
        var error = Assert.Single(stopped.Diagnostics);
        output.WriteLine(error.Text);
        Assert.Equal(1, error.Line);
        Assert.Contains("ffprobe was stopped before it finished, because the script ran for more than 1 s", error.Text, StringComparison.Ordinal);
        Assert.Contains("named pipe", error.Text, StringComparison.Ordinal);
        Assert.Equal(0, stopped.AbandonedThreads);
        ChildProcesses.AssertNoFfmpegChild(pipe);

        File.WriteAllText(script, WatchScripts.Scene("#10a040"));
        Assert.True((await session.ReloadAsync()).Ok);
    }

    [SkippableFact]
    public async Task The_sc_watch_process_survives_recursion_and_Environment_Exit_and_says_so()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Stops sc watch with SIGTERM.");
        var script = _folder.Write("scene.csx", "int Deeper(int n) => Deeper(n + 1) + 1;\nvar d = Deeper(0);\n");
        // A generous limit: unwinding a recursion hundreds of thousands of calls deep takes seconds on a loaded machine.
        using var sc = ScRunner.Start(["watch", script, "--port", "0", "--backend", "cpu", "--timeout", "120"]);
        var lines = new List<string>();
        var stdout = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var reading = Task.Run(async () =>
        {
            while (await sc.StandardOutput.ReadLineAsync() is { } line)
                await stdout.Writer.WriteAsync(line);
            stdout.Writer.Complete();
        });
        var stderr = sc.StandardError.ReadToEndAsync();
        try
        {
            Assert.Contains("recursed too deeply", await LineWith(stdout.Reader, lines, "reload 1:", null), StringComparison.Ordinal);
            Assert.StartsWith($"{script}(1): error:", lines[^1][lines[^1].IndexOf(script, StringComparison.Ordinal)..], StringComparison.Ordinal);
            // Saved again until it reloads: the first save can come before sc watch has started watching the file.
            var exit = "var n = 2;\nif (n > 1)\n    Environment.Exit(7);\n" + WatchScripts.Scene("#10a040");
            await LineWith(stdout.Reader, lines, $"{script}(3): error: the script called Environment.Exit(7)", () => File.WriteAllText(script, exit));
            await LineWith(stdout.Reader, lines, ": ok ", () => File.WriteAllText(script, WatchScripts.Scene("#10a040")));

            using (var term = Process.Start("kill", ["-s", "TERM", sc.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await sc.WaitForExitAsync(timeout.Token);
            await reading;
            while (stdout.Reader.TryRead(out var line)) lines.Add(line);
            Assert.Equal(0, sc.ExitCode);
            Assert.Contains("sc watch: stopped.", string.Join('\n', lines), StringComparison.Ordinal);
        }
        finally
        {
            if (!sc.HasExited) sc.Kill(entireProcessTree: true);
            output.WriteLine(string.Join('\n', lines) + "\n--- stderr ---\n" + (sc.HasExited ? await stderr : ""));
        }
    }

    /// <summary>
    /// The next stdout line containing <paramref name="text"/>, doing <paramref name="save"/> now and again every 3 s
    /// until it comes (within 60 s); fails if sc exits first.
    /// </summary>
    private static async Task<string> LineWith(System.Threading.Channels.ChannelReader<string> stdout, List<string> lines, string text, Action? save)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            save?.Invoke();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                while (await stdout.WaitToReadAsync(wait.Token))
                {
                    while (stdout.TryRead(out var line))
                    {
                        lines.Add(line);
                        if (line.Contains(text, StringComparison.Ordinal))
                            return line;
                    }
                }
                throw new Xunit.Sdk.XunitException($"sc watch ended before a line with '{text}':\n{string.Join('\n', lines)}");
            }
            catch (OperationCanceledException)
            {
                // Not yet: save again.
            }
        }
        throw new Xunit.Sdk.XunitException($"No line with '{text}' within 60 s:\n{string.Join('\n', lines)}");
    }
}
