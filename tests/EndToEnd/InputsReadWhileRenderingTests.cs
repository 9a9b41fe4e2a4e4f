using System.Security.Cryptography;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// A file the script reads only inside a lambda (a Map that shows another clip, a clip opened while a frame renders) is an
/// input like any other: no output replaces or removes it. One the script opened as it ran is refused before rendering;
/// one opened only while rendering is refused before the output is put in place, so the file is kept as it was.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InputsReadWhileRenderingTests
{
    [SkippableTheory]
    [InlineData("var v = Video(\"in.mp4\");\nRender(Color(160, 120, \"red\").WithDuration(1).Map((t, img) => v.GetFrame(t)), \"in.mp4\", fps: 10);", "is also an input of the script")]
    [InlineData("Render(Color(160, 120, \"red\").WithDuration(1).Map((t, img) => Video(\"in.mp4\").GetFrame(t)), \"in.mp4\", fps: 10);", "is also read by the script while it renders")]
    [InlineData("Render(Color(160, 120, \"red\").WithDuration(1).Map((t, img) => Video(\"in.mp4\").GetFrame(t)), \"link.mp4\", fps: 10);", "is also read by the script while it renders")]
    public async Task A_video_read_inside_a_Map_is_not_overwritten(string code, string message)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("read-in-map");
        var input = TestMedia.SolidColor(folder, "in.mp4", "blue", 160, 120, 2);
        File.CreateSymbolicLink(folder["link.mp4"], input);
        var before = Hash(input);

        var (result, _) = await ScRunner.RenderScriptAsync(folder, "map.csx", code);

        Assert.Equal(1, result.ExitCode);
        Assert.True(result.Stderr.Contains(message, StringComparison.Ordinal), result.ToString());
        Assert.Equal(before, Hash(input));
        Assert.Equal(["in.mp4", "link.mp4", "map.csx"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task A_video_read_inside_a_Map_is_not_overwritten_by_a_chunked_render_either()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("read-in-map");
        var input = TestMedia.SolidColor(folder, "in.mp4", "blue", 160, 120, 2);
        var before = Hash(input);
        var script = folder.Write("map.csx", """
            Render(Color(160, 120, "red").WithDuration(1).Map((t, img) => Video("in.mp4").GetFrame(t)), "in.mp4", fps: 10);
            """);

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--jobs", "2");

        Assert.Equal(1, result.ExitCode);
        Assert.True(result.Stderr.Contains("is also read by the script while it renders", StringComparison.Ordinal), result.ToString());
        Assert.Equal(before, Hash(input));
    }

    [SkippableTheory]
    [InlineData("var keep = Image(\"seq/f_0006.png\").WithDuration(0.3);\nRender(Color(64, 48, \"red\").WithDuration(0.3).Map((t, img) => { keep.GetFrame(0); return img; }), \"seq/f_%04d.png\", fps: 10);", "would overwrite")]
    [InlineData("Render(Color(64, 48, \"red\").WithDuration(0.3).Map((t, img) => { Image(\"seq/f_0006.png\").GetFrame(0); return img; }), \"seq/f_%04d.png\", fps: 10);", "is also read by the script while it renders")]
    [InlineData("Render(Color(64, 48, \"red\").WithDuration(0.3).Map((t, img) => { Image(\"seq/f_0001.png\").GetFrame(0); return img; }), \"seq/f_%04d.png\", fps: 10);", "is also read by the script while it renders")]
    public async Task A_picture_of_a_sequence_read_inside_a_Map_is_neither_replaced_nor_removed(string code, string message)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("read-in-map");
        Directory.CreateDirectory(folder["seq"]);
        for (var i = 0; i < 7; i++)
            ScriptComposer.Dsl.Media.PngWriter.Write(folder[$"seq/f_{i:0000}.png"], Enumerable.Repeat((byte)(30 * i), 64 * 48 * 4).ToArray(), 64, 48);
        var before = Directory.GetFiles(folder["seq"]).Order(StringComparer.Ordinal).Select(Hash).ToList();

        var (result, _) = await ScRunner.RenderScriptAsync(folder, "seq.csx", code);

        Assert.Equal(1, result.ExitCode);
        Assert.True(result.Stderr.Contains(message, StringComparison.Ordinal), result.ToString());
        Assert.Equal(before, Directory.GetFiles(folder["seq"]).Order(StringComparer.Ordinal).Select(Hash).ToList());
    }

    [SkippableFact]
    public async Task A_relative_path_opened_while_rendering_resolves_from_the_scripts_folder_in_render_and_watch()
    {
        // sc runs elsewhere (the test's folder): a Map that opens Video("blue.mp4") as a frame renders finds it beside the script.
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("read-in-map");
        TestMedia.SolidColor(folder, "blue.mp4", "blue", 64, 48, 1);
        var code = """
            Render(Color(64, 48, "red").WithDuration(0.5).Map((t, img) => Video("blue.mp4").GetFrame(t)), "out.mp4", fps: 10);
            """;
        var (result, script) = await ScRunner.RenderScriptAsync(folder, "relative.csx", code);
        Assert.True(result.ExitCode == 0, result.ToString());
        var pixel = FrameGrabber.Frame(folder["out.mp4"], 2)[10, 10];
        Assert.True(pixel.B > 200 && pixel.R < 40, $"the frame shows {pixel}, not the blue video");

        // Declared again for -o, checked, and cut into chunks for workers and a join: each resolves from the script's folder too.
        var redirected = await ScRunner.RunAsync("render", script, "--backend", "cpu", "-o", folder["again.mp4"]);
        Assert.True(redirected.ExitCode == 0, redirected.ToString());
        var check = await ScRunner.RunAsync("check", script);
        Assert.True(check.ExitCode == 0, check.ToString());
        var chunked = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--jobs", "2", "-o", folder["chunked.mp4"]);
        Assert.True(chunked.ExitCode == 0, chunked.ToString());
        Assert.True(FrameGrabber.Frame(folder["chunked.mp4"], 4)[10, 10].B > 200);

        await using var session = new ScriptComposer.Host.Watch.WatchSession(Watch.WatchScripts.Options(script), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);
        var (r, _, b, _) = Watch.WatchScripts.Pixel((await session.RenderFrameAsync(0.2)).Bytes, 10, 10);
        Assert.True(b > 200 && r < 40, $"the preview shows ({r}, {b}), not the blue video");
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
