using ScriptComposer.Gpu;
using ScriptComposer.Host.Watch;

namespace ScriptComposer.Tests.Watch;

/// <summary>Scripts and options the watch tests share.</summary>
internal static class WatchScripts
{
    /// <summary>
    /// A 4 s scene: a background of <paramref name="color"/>, and a white box from 1 s to 3 s that moves with a lambda
    /// (so the clip graph holds code of the script's load context). The Render call is on line 5.
    /// </summary>
    public static string Scene(string color, int width = 320, int height = 180) => $$"""
        var background = Color({{width}}, {{height}}, "{{color}}");
        var box = Color({{width / 4}}, {{height / 4}}, "white").At(t => ({{width / 2}} + 10 * t, {{height / 2}}))
            .WithStart(1).WithDuration(2);
        var scene = Composite({{width}}, {{height}}, background, box).WithDuration(4);
        Render(scene, "out/scene.mp4", fps: 30);
        """;

    public static WatchOptions Options(string script, TimeSpan? limit = null) => new(script)
    {
        Port = 0,
        Backend = BackendKind.Cpu,
        Debounce = TimeSpan.FromMilliseconds(30),
        TimeLimit = limit ?? TimeSpan.FromSeconds(10),
    };

    /// <summary>Writes the file and waits for the reload it causes (the watcher's own debounce and all).</summary>
    public static async Task<PreviewState> SaveAndWaitAsync(WatchSession session, string path, string text)
    {
        var before = session.State.Reload;
        // Written as editors save, by renaming a whole file over it: written in place, the reload could read it half-written
        // (an empty #load) on a busy machine, and this waits for the first reload only.
        var whole = path + ".saving";
        await File.WriteAllTextAsync(whole, text);
        File.Move(whole, path, overwrite: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await session.WaitForReloadAsync(before, timeout.Token);
    }

    /// <summary>The RGBA of one pixel of a PNG.</summary>
    public static (byte R, byte G, byte B, byte A) Pixel(byte[] png, int x, int y)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        var c = bitmap.GetPixel(x, y);
        return (c.Red, c.Green, c.Blue, c.Alpha);
    }
}
