using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;
using ScriptComposer.Host.Watch;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Watch;

/// <summary>
/// sc watch evaluates scripts with the same evaluator as render: <c>#r</c> resolves, the compiled-script cache is shared,
/// every <c>#load</c>ed file is watched (found or not), and errors read as they do on the terminal.
/// </summary>
public sealed class WatchEvaluationTests : IDisposable
{
    private const string Here = "static string Here([System.Runtime.CompilerServices.CallerFilePath] string file = \"\") => file;\n";

    private readonly TempFolder _folder = new("watch-evaluation");

    public void Dispose() => _folder.Dispose();

    private WatchSession Session(string script) =>
        new(WatchScripts.Options(script), TextWriter.Null, new ScriptHost(new CompiledScriptCache(_folder["cache"])));

    [Fact]
    public async Task An_assembly_named_with_r_is_loaded()
    {
        TestLibraries.Build(_folder["lib/sizes.dll"], "public static class Sizes { public static int Side() => 48; }");
        var script = _folder.Write("scene.csx", "#r \"lib/sizes.dll\"\nRender(Color(Sizes.Side(), 24, \"#2050c0\").WithDuration(1), \"out.mp4\");\n");
        await using var session = Session(script);

        var state = await session.ReloadAsync();

        Assert.True(state.Ok, string.Join('\n', state.Diagnostics.Select(d => d.Text)));
        Assert.Equal(48, state.Width);
    }

    [Fact]
    public async Task What_watch_compiles_render_finds_in_the_cache()
    {
        var script = _folder.Write("scene.csx", WatchScripts.Scene("#2050c0"));
        await using (var session = Session(script))
            Assert.True((await session.ReloadAsync()).Ok);

        var evaluation = new ScriptHost(new CompiledScriptCache(_folder["cache"])).Evaluate(script, ScriptArgs.Empty);

        Assert.True(evaluation.FromCache);
    }

    [Fact]
    public async Task A_loaded_file_that_is_not_there_yet_is_watched_and_its_arrival_reloads()
    {
        var script = _folder.Write("scene.csx", "#load \"colors.csx\"\n" + WatchScripts.Scene("#2050c0").Replace("\"#2050c0\"", "tint", StringComparison.Ordinal));
        await using var session = Session(script);
        var failed = await session.ReloadAsync();
        session.StartWatching();

        Assert.False(failed.Ok);
        Assert.Contains(failed.Diagnostics, d => d.File == script && d.Line == 1 && d.Code is not null);
        Assert.Contains(_folder["colors.csx"], session.WatchedFiles);

        var state = await WatchScripts.SaveAndWaitAsync(session, _folder["colors.csx"], "var tint = \"#10a040\";\n");

        Assert.True(state.Ok, string.Join('\n', state.Diagnostics.Select(d => d.Text)));
        Assert.Equal((0x10, 0xa0, 0x40, 255), WatchScripts.Pixel((await session.RenderFrameAsync(0)).Bytes, 5, 5));
    }

    [Fact]
    public async Task A_message_that_starts_with_the_scripts_own_path_is_shown_whole()
    {
        var script = _folder.Write("scene.csx", Here + "throw new InvalidOperationException(Here() + \"(2) is where it went wrong\");\n");
        await using var session = Session(script);

        var state = await session.ReloadAsync();

        var error = Assert.Single(state.Diagnostics);
        Assert.Equal($"{script}(2) is where it went wrong", error.Message);
        Assert.Equal($"{script}(2): error: {script}(2) is where it went wrong", error.Text);
    }

    [Fact]
    public async Task A_runtime_error_reads_the_same_on_the_page_as_from_sc_render()
    {
        var script = _folder.Write("scene.csx", "var ok = Color(10, 10);\n\nvar bad = ok.WithDuration(-2);\n");
        await using var session = Session(script);

        var state = await session.ReloadAsync();
        var render = await ScRunner.RunAsync("render", script, "--backend", "cpu");

        var error = Assert.Single(state.Diagnostics);
        Assert.Equal((script, 3), (error.File, error.Line));
        Assert.Equal(1, render.ExitCode);
        Assert.Equal(error.Text, render.Stderr.Split('\n')[0]);
    }

    [Fact]
    public async Task A_compile_error_reads_the_same_on_the_page_as_from_sc_check()
    {
        var script = _folder.Write("scene.csx", "var a = Colr(1, 2);\n");
        await using var session = Session(script);

        var state = await session.ReloadAsync();
        var check = await ScRunner.RunAsync("check", script);

        var error = Assert.Single(state.Diagnostics);
        Assert.Equal((script, 1, 9, "CS0103"), (error.File, error.Line, error.Column, error.Code));
        Assert.Equal(1, check.ExitCode);
        Assert.Equal(error.Text, check.Stderr.Split('\n')[0]);
    }
}
