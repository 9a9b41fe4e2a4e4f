using System.Globalization;
using Microsoft.Playwright;
using ScriptComposer.Host.Watch;
using ScriptComposer.Tests.Support;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.Watch;

/// <summary>
/// The studio page of <c>sc watch</c> in headless Chromium: the timeline's tracks, a selected layer's properties,
/// playback with sound, frame stepping, a render from the page, and a page of another site that tries to use the
/// server. One watcher serves every test; screenshots of each step are kept under artifacts/test-results/studio/.
/// </summary>
public sealed class StudioPageBrowserTests(StudioPageBrowserTests.Studio studio, ITestOutputHelper output) : IClassFixture<StudioPageBrowserTests.Studio>
{
    /// <summary>Five layers, one of them sound: each (name, start, end) as the timeline should draw it.</summary>
    private static readonly (string Name, double Start, double End)[] Layers =
        [("sky", 0, 4), ("card", 0.5, 2.5), ("band", 1, 4), ("logo", 2, 3.5), ("beep", 0.5, 3.5)];

    private const string Script = """
        var sky = Color(640, 360, "#203050");
        var card = Color(160, 90, "#ffcc00").At(t => (100 + 40 * t, 60)).WithStart(0.5).WithDuration(2).FadeIn(0.5);
        var band = Color(640, 60, "white").At(0, 280).WithStart(1).WithDuration(3).CrossFadeIn(0.5);
        var logo = Image("logo.png").At("right", "top").WithStart(2).WithDuration(1.5);
        var beep = Tone(440, 3, 0.3).WithStart(0.5);
        Render(Composite(640, 360, sky, card, band, logo, beep).WithDuration(4), "out/studio.mp4", fps: 30);
        """;

    [SkippableFact]
    public async Task Tracks_are_drawn_for_each_layer_at_its_place_and_length_named_from_the_script()
    {
        var page = await studio.OpenAsync();
        var bars = page.Locator("#rows > .row:not(.nested) .bar");
        Assert.Equal(Layers.Length, await bars.CountAsync());
        var ruler = (await page.Locator("#ruler").BoundingBoxAsync())!;
        var pixelsPerSecond = ruler.Width / 4;
        for (var i = 0; i < Layers.Length; i++)
        {
            var (name, start, end) = Layers[i];
            var bar = bars.Nth(i);
            Assert.Equal(name, await bar.GetAttributeAsync("data-name"));
            var box = (await bar.BoundingBoxAsync())!;
            Assert.InRange(box.X - ruler.X, start * pixelsPerSecond - 1.5, start * pixelsPerSecond + 1.5);
            Assert.InRange(box.Width, (end - start) * pixelsPerSecond - 1.5, (end - start) * pixelsPerSecond + 1.5);
        }
        // The fade and the crossfade are marked on their bars.
        Assert.Equal(1, await bars.Nth(1).Locator(".fade.in:not(.cross)").CountAsync());
        Assert.Equal(1, await bars.Nth(2).Locator(".fade.cross.in").CountAsync());

        // Zooming the ruler in doubles the bars' lengths.
        var before = (await bars.Nth(1).BoundingBoxAsync())!.Width;
        await page.ClickAsync("#zoomIn");
        Assert.InRange((await bars.Nth(1).BoundingBoxAsync())!.Width, 2 * before - 2, 2 * before + 2);
        await Shot(page, "1-tracks.png");
    }

    [SkippableFact]
    public async Task Selecting_a_layer_shows_its_properties_at_the_playhead()
    {
        var page = await studio.OpenAsync();
        await page.Locator("#scrub").FillAsync("1");
        await page.WaitForFunctionAsync("() => document.body.dataset.frameTime === '1'");
        await page.ClickAsync(".bar[data-name='card']");
        await page.WaitForFunctionAsync("() => document.body.dataset.propsFor === '1'");

        Assert.Equal("card", await Prop(page, "layer"));
        Assert.Equal("160×90", await Prop(page, "size"));
        Assert.Equal("(120, 60) at 1.00 s", await Prop(page, "at")); // 0.5 s into the layer: x = 100 + 40 * 0.5
        Assert.Equal("0.50–2.50 s", await Prop(page, "shows"));
        var effects = await Prop(page, "effects");
        Assert.Contains("FadeIn 0.5 s", effects, StringComparison.Ordinal);
        Assert.Contains("Moves over time", effects, StringComparison.Ordinal);
        Assert.Contains("selected", await page.GetAttributeAsync(".bar[data-name='card']", "class") ?? "", StringComparison.Ordinal);

        // The playhead follows the scrubber.
        var ruler = (await page.Locator("#ruler").BoundingBoxAsync())!;
        var head = (await page.Locator("#playhead").BoundingBoxAsync())!;
        Assert.InRange(head.X + head.Width / 2 - ruler.X, ruler.Width / 4 - 2, ruler.Width / 4 + 2);
        await Shot(page, "2-selected.png");
    }

    [SkippableFact]
    public async Task Arrow_keys_step_one_frame_and_home_and_end_jump()
    {
        var page = await studio.OpenAsync();
        await page.Keyboard.PressAsync("Home");
        await page.WaitForFunctionAsync("() => document.body.dataset.frameTime === '0'");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("() => document.body.dataset.frameTime === '0.033333'");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("() => document.body.dataset.frameTime === '0.066667'");
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.WaitForFunctionAsync("() => document.body.dataset.frameTime === '0.033333'");
        await Shot(page, "3-stepped.png");
        await page.Keyboard.PressAsync("End");
        await page.WaitForFunctionAsync("() => document.body.dataset.frameTime === '3.966667'");
    }

    [SkippableFact]
    public async Task Playback_advances_time_and_plays_the_timelines_sound()
    {
        var page = await studio.OpenAsync();
        await page.Keyboard.PressAsync("Home");
        await page.WaitForFunctionAsync("() => document.body.dataset.frameTime === '0'");
        await page.ClickAsync("#play");
        // The sound element's clock moves, and the picture follows it.
        await page.WaitForFunctionAsync("() => document.getElementById('sound').currentTime > 0.5");
        var first = await page.EvaluateAsync<double>("() => document.getElementById('sound').currentTime");
        await page.WaitForFunctionAsync($"() => document.getElementById('sound').currentTime > {(first + 0.3).ToString(CultureInfo.InvariantCulture)}");
        await page.WaitForFunctionAsync("() => +document.body.dataset.time > 0.5 && document.getElementById('render').textContent.includes('proxy')");
        await Shot(page, "4-playing.png");
        await page.ClickAsync("#play");
        Assert.Equal("false", await page.EvaluateAsync<string>("() => document.body.dataset.playing"));

        // The served sound, decoded by the browser: silent before the tone starts at 0.5 s, the tone's 0.3 after.
        var peaks = await page.EvaluateAsync<double[]>("""
            async () => {
                const wav = await (await fetch('/sound.wav')).arrayBuffer();
                const audio = await new OfflineAudioContext(2, 24000, 24000).decodeAudioData(wav);
                const peak = (from, to) => {
                    const samples = audio.getChannelData(0).subarray(Math.round(from * audio.sampleRate), Math.round(to * audio.sampleRate));
                    return samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0);
                };
                return [audio.duration, peak(0.1, 0.4), peak(1.0, 1.2), peak(3.6, 3.9)];
            }
            """);
        output.WriteLine(string.Join(", ", peaks));
        Assert.InRange(peaks[0], 3.99, 4.01);
        Assert.True(peaks[1] < 0.001, $"sound before the tone: {peaks[1]}");
        Assert.InRange(peaks[2], 0.28, 0.32);
        Assert.True(peaks[3] < 0.001, $"sound after the tone: {peaks[3]}");
    }

    [SkippableFact]
    public async Task The_render_button_writes_the_file_shows_100_percent_and_offers_it()
    {
        var page = await studio.OpenAsync();
        await page.ClickAsync("#renderButton");
        await page.WaitForFunctionAsync("() => ['done', 'failed'].includes(document.body.dataset.render)", null, new() { Timeout = 180_000 });
        Assert.True(await page.IsHiddenAsync("#renderErrors"), await page.InnerTextAsync("#renderErrors"));
        Assert.StartsWith("100 %", await page.InnerTextAsync("#renderText"), StringComparison.Ordinal);
        Assert.Equal(1, await page.EvaluateAsync<double>("() => document.getElementById('renderBar').value"));
        await Shot(page, "5-rendered.png");

        var written = studio.Folder["out/studio.mp4"];
        Assert.True(File.Exists(written));
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#renderLinks a.output"));
        Assert.Equal("studio.mp4", download.SuggestedFilename);
        var saved = studio.Folder["downloaded.mp4"];
        await download.SaveAsAsync(saved);
        Assert.Equal(File.ReadAllBytes(written), File.ReadAllBytes(saved));
    }

    [SkippableFact]
    public async Task A_page_of_another_site_cannot_start_a_render_or_a_frame()
    {
        var page = await studio.OpenAsync(navigate: false);
        var server = studio.Server.Address.ToString().TrimEnd('/');
        var statuses = new List<(string Url, int Status)>();
        page.Response += (_, response) => { if (response.Url.StartsWith(server, StringComparison.Ordinal)) lock (statuses) statuses.Add((response.Url, response.Status)); };
        // Another site on this machine, whose page sends what a hostile page would.
        using var other = new OtherSite($$"""
            <!doctype html><body>
            <img id="probe" src="{{server}}/frame.png?t=1">
            <script>
              fetch("{{server}}/render", { method: "POST", mode: "no-cors" }).finally(() => document.body.dataset.sent = "yes");
            </script>
            """);
        var renders = studio.Server.Session.RenderStatus.Number;
        await page.GotoAsync(other.Address.ToString());
        await page.WaitForFunctionAsync("() => document.body.dataset.sent === 'yes' && document.getElementById('probe').complete");
        await Shot(page, "6-other-site.png");

        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.getElementById('probe').naturalWidth"));
        Assert.Equal(renders, studio.Server.Session.RenderStatus.Number);
        lock (statuses)
        {
            output.WriteLine(string.Join('\n', statuses));
            Assert.Contains(statuses, s => s.Url.Contains("/frame.png", StringComparison.Ordinal) && s.Status == 403);
            Assert.DoesNotContain(statuses, s => s.Status is >= 200 and < 300);
        }
    }

    private static async Task<string> Prop(IPage page, string name) => (await page.InnerTextAsync($"#propList dd[data-prop='{name}']")).Trim();

    private async Task Shot(IPage page, string name)
    {
        var path = Path.Combine(Chromium.Screenshots("studio"), name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    /// <summary>The watcher of <see cref="Script"/> and one browser, shared by the tests of the class.</summary>
    public sealed class Studio : IAsyncLifetime
    {
        private IPlaywright? _playwright;
        private IBrowser? _browser;

        internal TempFolder Folder { get; } = new("studio");

        public WatchServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            if (!Chromium.Installed)
                return;
            File.Copy(RepositoryFiles.Script("media/logo.png"), Folder["logo.png"]);
            var script = Folder.Write("studio.csx", Script);
            Directory.CreateDirectory(Folder["out"]);
            Server = await WatchServer.StartAsync(WatchScripts.Options(script), TextWriter.Null);
            _playwright = await Playwright.CreateAsync();
            _browser = await Chromium.LaunchAsync(_playwright);
        }

        /// <summary>A new page on the studio, its first frame shown (or blank, to go elsewhere).</summary>
        public async Task<IPage> OpenAsync(bool navigate = true)
        {
            Skip.IfNot(Chromium.Installed, Chromium.SkipReason);
            var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 860 }, AcceptDownloads = true });
            page.SetDefaultTimeout(60_000);
            if (navigate)
            {
                await page.GotoAsync(Server.Address.ToString());
                await page.WaitForFunctionAsync("() => document.body.dataset.frameGeneration === '1' && document.querySelectorAll('.bar').length > 0");
            }
            return page;
        }

        public async Task DisposeAsync()
        {
            if (_browser is not null) await _browser.DisposeAsync();
            _playwright?.Dispose();
            if (Server is not null) await Server.DisposeAsync();
            Folder.Dispose();
        }
    }
}
