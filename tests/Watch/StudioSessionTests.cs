using System.Buffers.Binary;
using ScriptComposer.Host.Watch;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Watch;

/// <summary>What the studio page is served, without a browser: tracks named from the script, layer properties, the sound, a render.</summary>
public sealed class StudioSessionTests
{
    private const string Script = """
        var sky = Color(320, 180, "#203050");
        var card = Color(80, 45, "#ffcc00").At(t => (50 + 20 * t, 30)).WithStart(0.5).WithDuration(2).FadeIn(0.5);
        Clip Band() => Color(320, 30, "white").At(0, 140);
        var scene = Composite(320, 180, sky, card.Opacity(0.5), Band().WithStart(1).CrossFadeIn(0.5), Tone(440, 1, 0.25).WithStart(1),
            Composite(100, 100, [Color(10, 10, "red"), sky.Resize(width: 50)]).WithStart(2).WithDuration(1));
        Render(scene.WithDuration(3), "out/studio.mp4", fps: 10);
        """;

    [Fact]
    public async Task Tracks_are_named_from_the_script_and_nested_composites_have_their_layers()
    {
        using var folder = new TempFolder("studio");
        await using var session = new WatchSession(WatchScripts.Options(folder.Write("s.csx", Script)), TextWriter.Null);
        var state = await session.ReloadAsync();
        Assert.True(state.Ok, string.Join('\n', state.Diagnostics.Select(d => d.Text)));

        Assert.Equal(["sky", "card", "Color(320, 30, \"#ffffff\")", "Tone(440 Hz)", "Composite(100, 100) of 2 clips"], state.Tracks.Select(t => t.Name));
        Assert.Equal([(0.0, 3.0), (0.5, 2.5), (1, 3), (1, 2), (2, 3)], state.Tracks.Select(t => (t.Start, t.End)));
        Assert.Equal(["color", "color", "color", "audio", "composite"], state.Tracks.Select(t => t.Kind));
        Assert.Equal(0.5, state.Tracks[1].FadeIn);
        Assert.Equal(0.5, state.Tracks[2].CrossFadeIn);
        Assert.True(state.Tracks[3].HasSound && !state.Tracks[3].HasPicture);
        Assert.Equal(["4.0", "4.1"], state.Tracks[4].Layers.Select(l => l.Id));
        Assert.Equal("sky", state.Tracks[4].Layers[1].Name);
    }

    [Fact]
    public async Task A_subclipped_composite_shows_its_layers_and_markers_where_its_frames_show_them()
    {
        using var folder = new TempFolder("studio");
        await using var session = new WatchSession(WatchScripts.Options(folder.Write("s.csx", """
            var scene = Composite(64, 48, Color(64, 48, "black"), Color(16, 16, "red").WithStart(1).WithDuration(1),
                Color(16, 16, "blue").WithStart(3).WithDuration(1), Composite(32, 32, Color(8, 8, "white").WithStart(1)).WithStart(2).WithDuration(2).Subclip(0.5))
                .WithDuration(4);
            Render(scene.Subclip(2.5), "out/cut.mp4", fps: 10);
            """)), TextWriter.Null);
        var state = await session.ReloadAsync();
        Assert.True(state.Ok, string.Join('\n', state.Diagnostics.Select(d => d.Text)));

        // 2.5 s into the scene: the red layer was over 0.5 s before, the blue one shows from 0.5 to 1.5 s (the end), the group (from 2 s,
        // cut to 1.5 s) began 0.5 s before and shows until 1 s; its own layers count from its start.
        Assert.Equal([(-2.5, 1.5), (-1.5, -0.5), (0.5, 1.5), (-0.5, 1.0)], state.Tracks.Select(t => (t.Start, t.End)));
        Assert.Equal([(0.5, 1.5)], state.Tracks[3].Layers.Select(l => (l.Start, l.End)));
        Assert.Equal([0.5, 1.0], state.Markers.Select(m => m.Time));
        var blue = await session.LayerAsync("2", 0.7);
        Assert.True(blue!.Showing);
    }

    [Fact]
    public async Task A_resized_or_mapped_composite_unfolds_its_layers_placed_where_they_show()
    {
        using var folder = new TempFolder("studio");
        await using var session = new WatchSession(WatchScripts.Options(folder.Write("s.csx", """
            var bg = Color(320, 240, "#202040");
            var box = Color(40, 20, "white").At(t => (20 + 10 * t, 30));
            var inner = Composite(320, 240, Color(320, 240, "red"), box).WithDuration(3);
            var pip = inner.Resize(scale: 0.5).At(150, 110);
            var mapped = inner.Map((t, img) => { }).WithStart(1);
            var scene = Composite(320, 240, bg, pip, mapped).WithDuration(3);
            Render(scene, "out/nest.mp4", fps: 25);
            """)), TextWriter.Null);
        var state = await session.ReloadAsync();
        Assert.True(state.Ok, string.Join('\n', state.Diagnostics.Select(d => d.Text)));

        Assert.Equal(["bg", "pip", "mapped"], state.Tracks.Select(t => t.Name));
        Assert.Equal(["composite", "composite"], state.Tracks.Skip(1).Select(t => t.Kind));
        Assert.Equal(["1.0", "1.1"], state.Tracks[1].Layers.Select(l => l.Id));
        Assert.Equal(["2.0", "2.1"], state.Tracks[2].Layers.Select(l => l.Id));
        Assert.Equal("box", state.Tracks[1].Layers[1].Name);
        // At 1 s the box is at (30, 30) in the composite, 40x20: in the half-size picture-in-picture, at (15, 15), 20x10.
        var small = await session.LayerAsync("1.1", 1);
        Assert.Equal((15, 15, 20, 10), (small!.X, small.Y, small.Width, small.Height));
        Assert.True(small.Showing);
        // The mapped one starts at 1 s: at 2 s its box is 1 s in, at (30, 30) and its own size.
        var mappedBox = await session.LayerAsync("2.1", 2);
        Assert.Equal((30, 30, 40, 20), (mappedBox!.X, mappedBox.Y, mappedBox.Width, mappedBox.Height));
        Assert.Equal(1, mappedBox.Time, 9);
    }

    [Fact]
    public async Task A_shown_composite_that_is_resized_has_its_layers_as_the_timeline()
    {
        using var folder = new TempFolder("studio");
        await using var session = new WatchSession(WatchScripts.Options(folder.Write("s.csx", """
            var box = Color(40, 20, "white").At(t => (20 + 10 * t, 30)).WithStart(1);
            var scene = Composite(320, 240, Color(320, 240, "red"), box).WithDuration(3);
            Render(scene.Resize(scale: 0.5).Subclip(0.5), "out/small.mp4", fps: 25);
            """)), TextWriter.Null);
        var state = await session.ReloadAsync();
        Assert.True(state.Ok, string.Join('\n', state.Diagnostics.Select(d => d.Text)));

        // Cut 0.5 s in: the box starts at 0.5 s of what shows.
        Assert.Equal(["Color(320, 240, \"#ff0000\")", "box"], state.Tracks.Select(t => t.Name));
        Assert.Equal((0.5, 2.5), (state.Tracks[1].Start, state.Tracks[1].End));
        Assert.Equal([0.5], state.Markers.Select(m => m.Time));
        // At 1.5 s shown, 2 s into the scene, 1 s into the box: at (30, 30), 40x20 in the scene, half that in the output.
        var box = await session.LayerAsync("1", 1.5);
        Assert.Equal((15, 15, 20, 10), (box!.X, box.Y, box.Width, box.Height));
    }

    [Fact]
    public async Task A_layers_function_that_throws_is_an_error_at_its_line_not_an_empty_answer()
    {
        using var folder = new TempFolder("studio");
        var script = folder.Write("s.csx", """
            var scene = Composite(64, 48, Color(64, 48, "black"),
                Color(8, 8, "red").At(t => t > 0.5 ? throw new System.Exception("pos boom") : (0, 0))).WithDuration(1);
            Render(scene, "out/boom.mp4", fps: 10);
            """);
        await using var session = new WatchSession(WatchScripts.Options(script), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);

        Assert.True((await session.LayerAsync("1", 0.2))!.Showing);
        var error = await Assert.ThrowsAsync<ScriptComposer.Dsl.ScriptComposerException>(() => session.LayerAsync("1", 0.8));

        Assert.Contains($"{script}(2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("pos boom", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_layers_properties_come_from_its_values_and_its_functions_at_the_time()
    {
        using var folder = new TempFolder("studio");
        await using var session = new WatchSession(WatchScripts.Options(folder.Write("s.csx", Script)), TextWriter.Null);
        await session.ReloadAsync();

        var card = await session.LayerAsync("1", 1.5);
        Assert.NotNull(card);
        Assert.Equal((80, 45), (card.Width, card.Height));
        Assert.True(card.Showing);
        Assert.Equal((70, 30), (card.X, card.Y)); // 1 s into the layer: 50 + 20 * 1
        Assert.Equal(0.5, card.Opacity!.Value, 3);
        Assert.Contains("FadeIn 0.5 s", card.Effects);
        Assert.Contains("Opacity 0.5", card.Effects);
        Assert.Contains("Moves over time", card.Effects);

        var hidden = await session.LayerAsync("1", 2.8);
        Assert.False(hidden!.Showing);
        var nested = await session.LayerAsync("4.1", 2.5);
        Assert.Equal(["Resize to 50x28 (bilinear)"], nested!.Effects);
        Assert.Null(await session.LayerAsync("9", 0));
    }

    [Fact]
    public async Task The_sound_is_the_timelines_mix_as_a_wav()
    {
        using var folder = new TempFolder("studio");
        await using var session = new WatchSession(WatchScripts.Options(folder.Write("s.csx", Script)), TextWriter.Null);
        await session.ReloadAsync();

        var wav = await session.SoundAsync();

        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(wav, 0, 4));
        var rate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24));
        Assert.Equal(44 + 3 * rate * 4, wav.Length);
        double Peak(double from, double to)
        {
            var peak = 0;
            for (var i = (int)(from * rate); i < (int)(to * rate); i++)
                peak = Math.Max(peak, Math.Abs((int)BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + i * 4))));
            return peak / 32767.0;
        }
        Assert.True(Peak(0, 0.9) < 0.001);
        Assert.InRange(Peak(1.2, 1.8), 0.24, 0.26);
        Assert.Same(wav, await session.SoundAsync());
    }

    [Fact]
    public async Task A_render_from_the_page_writes_the_outputs_and_reports_progress_or_the_line_that_failed()
    {
        using var folder = new TempFolder("studio");
        var script = folder.Write("s.csx", Script);
        Directory.CreateDirectory(folder["out"]);
        await using var session = new WatchSession(WatchScripts.Options(script), TextWriter.Null);
        await session.ReloadAsync();

        var status = session.StartRender();
        Assert.Equal("running", status.State);
        status = await WaitForRender(session);
        Assert.True(status.State == "done", string.Join('\n', status.Diagnostics.Select(d => d.Text)));
        Assert.Equal(1, status.Progress);
        Assert.Equal(30, status.FramesDone);
        Assert.Equal(["out/studio.mp4"], status.Outputs);
        Assert.Equal(folder["out/studio.mp4"], session.RenderedOutput(0)?.Path);
        Assert.Null(session.RenderedOutput(1));

        File.WriteAllText(script, Script.Replace("Tone(440, 1, 0.25)", "Tone(-440, 1, 0.25)", StringComparison.Ordinal));
        session.StartRender();
        status = await WaitForRender(session);
        Assert.Equal("failed", status.State);
        var error = Assert.Single(status.Diagnostics);
        Assert.Equal((script, 4), (error.File, error.Line));
        Assert.Null(session.RenderedOutput(0) is { } kept && kept.Path != folder["out/studio.mp4"] ? kept : null);
    }

    [Fact]
    public async Task A_render_from_the_page_names_the_line_of_the_output_that_is_wrong_and_the_step_that_failed()
    {
        using var folder = new TempFolder("studio");
        var script = folder.Write("s.csx", """
            var scene = Color(32, 24, "red").WithDuration(1);
            Render(scene, "out/a.mp4", fps: 10);
            SaveFrame(scene, 0, "out/b.png");
            Render(scene, "out/a.mp4", fps: 10);
            """);
        Directory.CreateDirectory(folder["out"]);
        await using var session = new WatchSession(WatchScripts.Options(script), TextWriter.Null);
        await session.ReloadAsync();

        session.StartRender();
        var status = await WaitForRender(session);

        Assert.Equal("failed", status.State);
        var error = Assert.Single(status.Diagnostics);
        Assert.Equal((script, 4), (error.File, error.Line));
        Assert.Contains("is written by another output of the script too", error.Text, StringComparison.Ordinal);
        Assert.Equal("failed while checking the outputs", status.Current);
    }

    [Fact]
    public async Task A_render_from_the_page_that_fails_shows_the_scripts_line_as_the_previews_errors_do()
    {
        using var folder = new TempFolder("studio");
        var script = folder.Write("s.csx", """
            var scene = Color(32, 24, "red").WithDuration(1)
                .Map((t, img) => { if (t > 0.5) throw new System.InvalidOperationException("map boom"); });
            Render(scene, "out/a.mp4", fps: 10);
            """);
        Directory.CreateDirectory(folder["out"]);
        await using var session = new WatchSession(WatchScripts.Options(script), TextWriter.Null);
        Assert.True((await session.ReloadAsync()).Ok);

        session.StartRender();
        var thrown = Assert.Single((await WaitForRender(session)).Diagnostics);
        File.WriteAllText(script, "var scene = Color(32, 24, \"red\").WithDuration(1);\nvar broken = ;\nRender(scene, \"out/a.mp4\", fps: 10);\n");
        session.StartRender();
        var compile = Assert.Single((await WaitForRender(session)).Diagnostics);

        Assert.Equal((script, 2), (thrown.File, thrown.Line));
        Assert.Contains("map boom", thrown.Message, StringComparison.Ordinal);
        Assert.Equal("    .Map((t, img) => { if (t > 0.5) throw new System.InvalidOperationException(\"map boom\"); });", thrown.SourceLine);
        Assert.Equal((script, 2, "CS1525"), (compile.File, compile.Line, compile.Code));
        Assert.Equal("var broken = ;", compile.SourceLine);
    }

    [Fact]
    public async Task A_render_from_the_page_counts_only_pictures_and_offers_only_the_outputs_inside_the_scripts_folder()
    {
        using var folder = new TempFolder("studio");
        var script = folder.Write("project/s.csx", """
            RenderAudio(Tone(440, 1), "out/tone.wav");
            Render(Color(32, 24, "red").WithDuration(1), "out/a.mp4", fps: 10);
            Render(Color(32, 24, "blue").WithDuration(1), "../elsewhere/b.mp4", fps: 10);
            """);
        Directory.CreateDirectory(folder["project/out"]);
        Directory.CreateDirectory(folder["elsewhere"]);
        await using var server = await WatchServer.StartAsync(WatchScripts.Options(script), TextWriter.Null);
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };

        server.Session.StartRender();
        var status = await WaitForRender(server.Session);
        using var inside = await http.GetAsync(new Uri("/output?n=1", UriKind.Relative));
        using var outside = await http.GetAsync(new Uri("/output?n=2", UriKind.Relative));

        Assert.True(status.State == "done", string.Join('\n', status.Diagnostics.Select(d => d.Text)));
        // Ten frames a video; the sound is no frame.
        Assert.Equal((20, 20), (status.FramesDone, status.FramesTotal));
        Assert.Equal(["out/tone.wav", "out/a.mp4", folder["elsewhere/b.mp4"]], status.Outputs);
        Assert.Equal([true, true, false], status.Downloadable);
        Assert.Equal(System.Net.HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(folder["project/out/a.mp4"]), await inside.Content.ReadAsByteArrayAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, outside.StatusCode);
        Assert.True(File.Exists(folder["elsewhere/b.mp4"]));
    }

    [Fact]
    public async Task A_picture_sequence_rendered_from_the_page_downloads_as_a_zip_of_its_pictures()
    {
        using var folder = new TempFolder("studio");
        var script = folder.Write("s.csx", """
            var scene = Color(32, 24, "red").WithDuration(1);
            Render(scene, "frames/f_%03d.png", fps: 3);
            Render(scene, "out/a.mp4", fps: 3);
            """);
        Directory.CreateDirectory(folder["frames"]);
        Directory.CreateDirectory(folder["out"]);
        await using var server = await WatchServer.StartAsync(WatchScripts.Options(script), TextWriter.Null);
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        server.Session.StartRender();
        var status = await WaitForRender(server.Session);
        Assert.True(status.State == "done", string.Join('\n', status.Diagnostics.Select(d => d.Text)));

        using var sequence = await http.GetAsync(new Uri("/output?n=0", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, sequence.StatusCode);
        Assert.Equal("application/zip", sequence.Content.Headers.ContentType?.MediaType);
        Assert.Equal("f.zip", sequence.Content.Headers.ContentDisposition?.FileNameStar);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await sequence.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["f_000.png", "f_001.png", "f_002.png"], zip.Entries.Select(e => e.FullName));
        foreach (var entry in zip.Entries)
        {
            using var read = new MemoryStream();
            await using (var stream = entry.Open())
                await stream.CopyToAsync(read);
            Assert.Equal(await File.ReadAllBytesAsync(folder[$"frames/{entry.FullName}"]), read.ToArray());
        }

        using var video = await http.GetAsync(new Uri("/output?n=1", UriKind.Relative));
        Assert.Equal(await File.ReadAllBytesAsync(folder["out/a.mp4"]), await video.Content.ReadAsByteArrayAsync());
        Assert.Equal("a.mp4", video.Content.Headers.ContentDisposition?.FileNameStar);

        // A picture that is now a link out of the script's folder: the sequence is not sent.
        File.Delete(folder["frames/f_001.png"]);
        File.CreateSymbolicLink(folder["frames/f_001.png"], "/etc/hostname");
        using var refused = await http.GetAsync(new Uri("/output?n=0", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
    }

    private static async Task<RenderStatus> WaitForRender(WatchSession session)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (session.RenderStatus.State == "running")
            await Task.Delay(50, timeout.Token);
        return session.RenderStatus;
    }
}
