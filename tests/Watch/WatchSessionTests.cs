using System.Diagnostics;
using ScriptComposer.Host.Watch;
using ScriptComposer.Tests.Support;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.Watch;

public sealed class WatchSessionTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new("watch");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_runtime_error_names_its_line_and_keeps_the_last_good_preview()
    {
        var script = _folder.Write("scene.csx", WatchScripts.Scene("#2050c0"));
        await using var session = new WatchSession(WatchScripts.Options(script), TextWriter.Null);
        var good = await session.ReloadAsync();
        Assert.True(good.Ok, string.Join('\n', good.Diagnostics.Select(d => d.Text)));

        File.WriteAllText(script, WatchScripts.Scene("#e03010") + "\nvar broken = Color(-5, 10, \"red\");\n");
        var failed = await session.ReloadAsync();

        Assert.False(failed.Ok);
        Assert.Equal(good.Generation, failed.Generation);
        var error = Assert.Single(failed.Diagnostics);
        Assert.Equal(script, error.File);
        Assert.Equal(6, error.Line);
        Assert.StartsWith($"{script}(6): error: ", error.Text, StringComparison.Ordinal);
        // The preview still shows the last good script's blue.
        var frame = await session.RenderFrameAsync(0.5);
        Assert.Equal((0x20, 0x50, 0xc0, 255), WatchScripts.Pixel(frame.Bytes, 5, 5));
    }

    [Fact]
    public async Task A_compile_error_is_reported_as_path_line_col_and_fixing_it_renders_again()
    {
        var script = _folder.Write("scene.csx", WatchScripts.Scene("#2050c0"));
        await using var session = new WatchSession(WatchScripts.Options(script), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);

        File.WriteAllText(script, WatchScripts.Scene("#2050c0").Replace("Render(scene,", "Render(scene;", StringComparison.Ordinal));
        var failed = await session.ReloadAsync();
        Assert.False(failed.Ok);
        Assert.Contains(failed.Diagnostics, d => d.Line == 5 && d.Text.StartsWith($"{script}(5,", StringComparison.Ordinal) && d.Text.Contains("error CS", StringComparison.Ordinal));

        File.WriteAllText(script, WatchScripts.Scene("#10a040"));
        var fixedState = await session.ReloadAsync();
        Assert.True(fixedState.Ok);
        Assert.Equal(2, fixedState.Generation);
        Assert.Equal((0x10, 0xa0, 0x40, 255), WatchScripts.Pixel((await session.RenderFrameAsync(0)).Bytes, 5, 5));
        Assert.Equal([1.0, 3.0], fixedState.Markers.Select(m => m.Time));
    }

    [Fact]
    public async Task An_endless_loop_is_stopped_at_its_line_and_the_watcher_keeps_working()
    {
        var script = _folder.Write("scene.csx", WatchScripts.Scene("#2050c0"));
        await using var session = new WatchSession(WatchScripts.Options(script, TimeSpan.FromSeconds(1)), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);

        // In the script itself.
        File.WriteAllText(script, "var n = 0;\nwhile (true)\n    n++;\n" + WatchScripts.Scene("#e03010"));
        var clock = Stopwatch.StartNew();
        var stopped = await session.ReloadAsync();
        output.WriteLine($"stopped after {clock.ElapsedMilliseconds} ms: {stopped.Diagnostics[0].Text}");
        Assert.False(stopped.Ok);
        // Not much later than the limit (the upper bound leaves room for compiling the script on a busy machine).
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        var error = Assert.Single(stopped.Diagnostics);
        Assert.Equal(3, error.Line);
        Assert.Contains("ran for more than 1 s and was stopped", error.Text, StringComparison.Ordinal);
        Assert.Equal(0, stopped.AbandonedThreads);

        // In a #load'ed file, inside a lambda the script calls.
        _folder.Write("lib.csx", "static int Spin(int x)\n{\n    for (;;) { x++; }\n}\n");
        File.WriteAllText(script, "#load \"lib.csx\"\nvar z = Spin(1);\n" + WatchScripts.Scene("#e03010"));
        stopped = await session.ReloadAsync();
        error = Assert.Single(stopped.Diagnostics);
        Assert.Equal(_folder["lib.csx"], error.File);
        Assert.Equal(3, error.Line);

        // Fixed: the watcher goes on.
        File.WriteAllText(script, WatchScripts.Scene("#10a040"));
        var good = await session.ReloadAsync();
        Assert.True(good.Ok);
        Assert.Equal((0x10, 0xa0, 0x40, 255), WatchScripts.Pixel((await session.RenderFrameAsync(0)).Bytes, 5, 5));
    }

    [Fact]
    public async Task A_script_blocked_outside_a_loop_is_abandoned_with_a_clear_message()
    {
        var script = _folder.Write("scene.csx", WatchScripts.Scene("#2050c0"));
        await using var session = new WatchSession(WatchScripts.Options(script, TimeSpan.FromSeconds(0.5)), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);

        // Blocked in a call the loop guard cannot see; the thread returns by itself, long after the limit and the grace.
        File.WriteAllText(script, "System.Threading.Thread.Sleep(8000);\n" + WatchScripts.Scene("#e03010"));
        var stopped = await session.ReloadAsync();
        Assert.False(stopped.Ok);
        Assert.Contains("did not stop at a loop", stopped.Diagnostics[0].Text, StringComparison.Ordinal);
        Assert.Contains("abandoned", stopped.Diagnostics[0].Text, StringComparison.Ordinal);
        Assert.Equal(1, stopped.AbandonedThreads);

        File.WriteAllText(script, WatchScripts.Scene("#10a040"));
        Assert.True((await session.ReloadAsync()).Ok);
        Assert.Equal((0x10, 0xa0, 0x40, 255), WatchScripts.Pixel((await session.RenderFrameAsync(0)).Bytes, 5, 5));
    }

    [Fact]
    public async Task A_save_made_while_the_first_evaluation_runs_is_not_missed()
    {
        // The first evaluation announces itself with a marker file and then takes a while; the save lands inside it.
        var marker = _folder["evaluating"];
        var script = _folder.Write("scene.csx", $$"""
            System.IO.File.WriteAllText({{SymbolDisplay(marker)}}, "");
            System.Threading.Thread.Sleep(1500);
            {{WatchScripts.Scene("#2050c0")}}
            """);
        var starting = WatchServer.StartAsync(WatchScripts.Options(script), TextWriter.Null);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(marker) && clock.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(20);
        Assert.True(File.Exists(marker), "The first evaluation never started.");
        File.WriteAllText(script, WatchScripts.Scene("#10a040"));
        await using var server = await starting;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var state = await server.Session.WaitForReloadAsync(1, timeout.Token);
        Assert.True(state.Ok, string.Join('\n', state.Diagnostics.Select(d => d.Text)));
        Assert.Equal((0x10, 0xa0, 0x40, 255), WatchScripts.Pixel((await server.Session.RenderFrameAsync(0)).Bytes, 5, 5));
    }

    private static string SymbolDisplay(string text) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);

    [Fact]
    public async Task Editing_the_file_a_watched_script_s_link_leads_to_reloads()
    {
        var real = System.IO.Path.Combine(_folder.Path, "real");
        Directory.CreateDirectory(real);
        var target = System.IO.Path.Combine(real, "scene.csx");
        File.WriteAllText(target, WatchScripts.Scene("#2050c0"));
        Directory.CreateDirectory(_folder["project"]);
        var link = _folder["project/scene.csx"];
        File.CreateSymbolicLink(link, target);
        await using var session = new WatchSession(WatchScripts.Options(link), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);
        session.StartWatching();

        var state = await WatchScripts.SaveAndWaitAsync(session, target, WatchScripts.Scene("#10a040"));

        Assert.True(state.Ok);
        Assert.Equal((0x10, 0xa0, 0x40, 255), WatchScripts.Pixel((await session.RenderFrameAsync(0)).Bytes, 5, 5));
    }

    [Fact]
    public async Task Saving_the_script_a_loaded_file_or_an_image_it_reads_reloads()
    {
        var media = System.IO.Path.Combine(_folder.Path, "media");
        Directory.CreateDirectory(media);
        SolidPng(System.IO.Path.Combine(media, "patch.png"), SkiaSharp.SKColors.Red);
        _folder.Write("lib.csx", "var tint = \"#2050c0\";\n");
        var script = _folder.Write("scene.csx", """
            #load "lib.csx"
            var scene = Composite(64, 36, Color(64, 36, tint), Image("media/patch.png").At(40, 0)).WithDuration(1);
            Render(scene, "out.mp4");
            """);
        await using var session = new WatchSession(WatchScripts.Options(script), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);
        session.StartWatching();
        Assert.Contains(_folder["lib.csx"], session.WatchedFiles);
        Assert.Contains(System.IO.Path.Combine(media, "patch.png"), session.WatchedFiles);

        var state = await WatchScripts.SaveAndWaitAsync(session, _folder["lib.csx"], "var tint = \"#10a040\";\n");
        Assert.True(state.Ok, string.Join('\n', state.Diagnostics.Select(d => d.Text)));
        Assert.Equal((0x10, 0xa0, 0x40, 255), WatchScripts.Pixel((await session.RenderFrameAsync(0)).Bytes, 5, 5));

        var before = session.State.Reload;
        SolidPng(System.IO.Path.Combine(media, "patch.png"), SkiaSharp.SKColors.Yellow);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        state = await session.WaitForReloadAsync(before, timeout.Token);
        Assert.True(state.Ok);
        Assert.Equal((255, 255, 0, 255), WatchScripts.Pixel((await session.RenderFrameAsync(0)).Bytes, 42, 5));

        // A burst of saves is one reload, or a few: never one per write. Counted up to the reload that shows the last write.
        before = session.State.Reload;
        for (var i = 0; i < 10; i++)
            File.WriteAllText(_folder["lib.csx"], $"var tint = \"#1{i}a040\";\n");
        var seen = before;
        do
        {
            seen = (await session.WaitForReloadAsync(seen, timeout.Token)).Reload;
        }
        while (WatchScripts.Pixel((await session.RenderFrameAsync(0)).Bytes, 5, 5) != (0x19, 0xa0, 0x40, 255));
        Assert.InRange(session.State.Reload - before, 1, 3);
    }

    [Fact]
    public async Task An_image_the_script_names_before_it_exists_reloads_the_script_once_it_is_created()
    {
        var media = System.IO.Path.Combine(_folder.Path, "media");
        Directory.CreateDirectory(media);
        SolidPng(System.IO.Path.Combine(media, "logo.png"), SkiaSharp.SKColors.Red);
        const string Scene = """
            var scene = Composite(64, 36, Color(64, 36, "#2050c0"), Image("media/logo.png").At(40, 0)).WithDuration(1);
            Render(scene, "out.mp4");
            """;
        var script = _folder.Write("scene.csx", Scene);
        await using var session = new WatchSession(WatchScripts.Options(script), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);
        session.StartWatching();

        var missing = await WatchScripts.SaveAndWaitAsync(session, script, Scene.Replace("logo.png", "new.png", StringComparison.Ordinal));
        Assert.False(missing.Ok);
        Assert.Contains("does not exist", missing.Diagnostics.Single().Text, StringComparison.Ordinal);
        Assert.Contains(System.IO.Path.Combine(media, "new.png"), session.WatchedFiles);

        // Written aside and renamed into place, so the reload never sees half a file.
        SolidPng(System.IO.Path.Combine(_folder.Path, "new.png"), SkiaSharp.SKColors.Yellow);
        File.Move(System.IO.Path.Combine(_folder.Path, "new.png"), System.IO.Path.Combine(media, "new.png"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var state = await session.WaitForReloadAsync(missing.Reload, timeout.Token);
        Assert.True(state.Ok, string.Join('\n', state.Diagnostics.Select(d => d.Text)));
        Assert.Equal((255, 255, 0, 255), WatchScripts.Pixel((await session.RenderFrameAsync(0)).Bytes, 42, 5));
    }

    [Fact]
    public async Task A_media_folder_deleted_and_made_again_is_watched_again()
    {
        var media = System.IO.Path.Combine(_folder.Path, "media");
        Directory.CreateDirectory(media);
        SolidPng(System.IO.Path.Combine(media, "logo.png"), SkiaSharp.SKColors.Red);
        var script = _folder.Write("scene.csx", """
            var scene = Composite(64, 36, Color(64, 36, "#2050c0"), Image("media/logo.png").At(40, 0)).WithDuration(1);
            Render(scene, "out.mp4");
            """);
        await using var session = new WatchSession(WatchScripts.Options(script), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);
        session.StartWatching();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var before = session.State.Reload;
        Directory.Delete(media, recursive: true);
        var gone = await session.WaitForReloadAsync(before, timeout.Token);
        while (gone.Ok)
            gone = await session.WaitForReloadAsync(gone.Reload, timeout.Token);
        Assert.Contains("does not exist", gone.Diagnostics.Single().Text, StringComparison.Ordinal);

        // Written aside and renamed into place, so no reload sees half a file.
        SolidPng(System.IO.Path.Combine(_folder.Path, "logo.png"), SkiaSharp.SKColors.Yellow);
        Directory.CreateDirectory(media);
        File.Move(System.IO.Path.Combine(_folder.Path, "logo.png"), System.IO.Path.Combine(media, "logo.png"));
        var back = await session.WaitForReloadAsync(gone.Reload, timeout.Token);
        while (!back.Ok)
            back = await session.WaitForReloadAsync(back.Reload, timeout.Token);
        Assert.Equal((255, 255, 0, 255), WatchScripts.Pixel((await session.RenderFrameAsync(0)).Bytes, 42, 5));
    }

    [Fact]
    public async Task A_proxy_frame_is_a_scaled_jpeg()
    {
        var script = _folder.Write("scene.csx", WatchScripts.Scene("#2050c0"));
        await using var session = new WatchSession(WatchScripts.Options(script) with { Scale = 0.5 }, TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);

        var proxy = await session.RenderFrameAsync(2, scale: 0.5, jpeg: true);

        Assert.Equal("image/jpeg", proxy.ContentType);
        using var image = SkiaSharp.SKBitmap.Decode(proxy.Bytes);
        Assert.Equal((160, 90), (image.Width, image.Height));
        Assert.Equal(2, proxy.Time, 6);
    }

    private static void SolidPng(string path, SkiaSharp.SKColor color)
    {
        using var bitmap = new SkiaSharp.SKBitmap(8, 8);
        bitmap.Erase(color);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
