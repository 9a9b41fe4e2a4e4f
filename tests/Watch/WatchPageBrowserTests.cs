using Microsoft.Playwright;
using ScriptComposer.Host.Watch;
using ScriptComposer.Tests.Support;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.Watch;

/// <summary>
/// The preview page in real headless Chromium (Debian's, driven by Playwright): it follows saves by itself, shows the
/// diagnostics of a broken script over the last good frame, and recovers. Screenshots of each state are kept under
/// artifacts/test-results/watch/.
/// </summary>
public sealed class WatchPageBrowserTests(ITestOutputHelper output)
{
    private const string ReadPixel = """
        ([x, y]) => {
            const img = document.getElementById('frame');
            const canvas = document.createElement('canvas');
            canvas.width = img.naturalWidth;
            canvas.height = img.naturalHeight;
            const context = canvas.getContext('2d');
            context.drawImage(img, 0, 0);
            return Array.from(context.getImageData(x, y, 1, 1).data);
        }
        """;

    [SkippableFact]
    public async Task The_page_follows_saves_shows_errors_and_recovers()
    {
        Skip.IfNot(Chromium.Installed, Chromium.SkipReason);
        var shots = Chromium.Screenshots("watch");
        using var folder = new TempFolder("watch-page");
        var script = folder.Write("scene.csx", WatchScripts.Scene("#2050c0", 640, 360));
        await using var server = await WatchServer.StartAsync(WatchScripts.Options(script), TextWriter.Null);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 720 } });
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(server.Address.ToString());

        // The first good evaluation.
        await page.WaitForFunctionAsync("() => document.body.dataset.frameGeneration === '1'");
        Assert.Equal(new[] { 0x20, 0x50, 0xc0, 255 }, await PixelAsync(page, 10, 10));
        Assert.Equal(2, await page.Locator("#markers .marker").CountAsync());
        await Shot(page, shots, "1-first.png");

        // A new color: the page updates by itself.
        File.WriteAllText(script, WatchScripts.Scene("#e03010", 640, 360));
        await page.WaitForFunctionAsync("() => document.body.dataset.frameGeneration === '2'");
        Assert.Equal(new[] { 0xe0, 0x30, 0x10, 255 }, await PixelAsync(page, 10, 10));
        await Shot(page, shots, "2-changed.png");

        // Broken on line 5: the diagnostic shows with its line, over the last good frame.
        File.WriteAllText(script, WatchScripts.Scene("#10a040", 640, 360).Replace("Render(scene,", "Render(scene;", StringComparison.Ordinal));
        // The line too: a save caught half-written could show another error first.
        await page.WaitForFunctionAsync("() => document.body.dataset.status === 'errors' && document.getElementById('diaglist').innerText.includes('(5,')");
        var diagnostics = await page.InnerTextAsync("#diaglist");
        output.WriteLine(diagnostics);
        Assert.Contains($"{script}(5,", diagnostics, StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("#diagnostics"));
        // Linked to its line (vscode://file/PATH:LINE:COL opens it in the editor), with the line itself shown under it.
        var link = await page.GetAttributeAsync("#diaglist li a.where", "href");
        Assert.StartsWith($"vscode://file{script}:5:", link, StringComparison.Ordinal);
        Assert.Contains("Render(scene;", await page.InnerTextAsync("#diaglist li pre.source"), StringComparison.Ordinal);
        Assert.Equal(new[] { 0xe0, 0x30, 0x10, 255 }, await PixelAsync(page, 10, 10));
        await Shot(page, shots, "3-broken.png");

        // Fixed: the preview comes back with the new color, the diagnostics go away.
        File.WriteAllText(script, WatchScripts.Scene("#10a040", 640, 360));
        await page.WaitForFunctionAsync("() => document.body.dataset.status === 'ok' && document.body.dataset.frameGeneration === '3'");
        Assert.Equal(new[] { 0x10, 0xa0, 0x40, 255 }, await PixelAsync(page, 10, 10));
        Assert.False(await page.IsVisibleAsync("#diagnostics"));
        await Shot(page, shots, "4-fixed.png");

        // Scrub to 2 s, where the box is on screen, then play the proxy for a moment and pause.
        await page.Locator("#scrub").FillAsync("2");
        await page.WaitForFunctionAsync("() => document.body.dataset.frameTime === '2'");
        Assert.Equal(new[] { 255, 255, 255, 255 }, await PixelAsync(page, 360, 200));
        await page.ClickAsync("#play");
        await page.WaitForFunctionAsync("() => document.getElementById('render').textContent.includes('proxy')");
        await page.ClickAsync("#play");
        await Shot(page, shots, "5-scrubbed.png");
        Assert.Contains("last frame", await page.InnerTextAsync("#render"), StringComparison.Ordinal);
    }

    private static Task<int[]> PixelAsync(IPage page, int x, int y) => page.EvaluateAsync<int[]>(ReadPixel, new[] { x, y });

    private async Task Shot(IPage page, string folder, string name)
    {
        var path = Path.Combine(folder, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}
