using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>
/// Containers and codecs outside the usual table, settled by asking ffmpeg (a one-frame trial) when the script declares them;
/// what ffmpeg refuses is an error at the Render line, in ffmpeg's words, before any frame is drawn. And <c>sc check</c>, which
/// runs the script and plans its outputs, finds every output error at its Render line.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AnyContainerTests
{
    private const string Scene = """
        var scene = Composite(96, 64, [Color(96, 64, "navy"), Color(32, 32, "orange").At(t => (64 * t, 16))], "black").WithDuration(1);
        var loud = scene.WithAudio(Tone(440, 1));

        """;

    [SkippableTheory]
    [InlineData("x.ts", "Render(loud, \"x.ts\", preset: \"veryfast\");", "mpegts", "h264", true)]
    [InlineData("x.avi", "Render(scene, \"x.avi\", preset: \"veryfast\");", "avi", "h264", false)]
    [InlineData("x.mxf", "Render(scene, \"x.mxf\", preset: \"veryfast\");", "mxf", "h264", false)]
    [InlineData("x.nut", "Render(loud, \"x.nut\", preset: \"veryfast\");", "nut", "h264", true)]
    [InlineData("x.y4m", "Render(scene, \"x.y4m\");", "yuv4mpegpipe", "rawvideo", false)]
    [InlineData("raw.mkv", "Render(scene, \"raw.mkv\", codec: \"rawvideo\");", "matroska,webm", "rawvideo", false)]
    [InlineData("mjpeg.mov", "Render(scene, \"mjpeg.mov\", codec: \"mjpeg\");", "mov,mp4,m4a,3gp,3g2,mj2", "mjpeg", false)]
    public async Task A_container_or_codec_ffmpeg_writes_is_written_whole(string file, string render, string format, string codec, bool sound)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("containers");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "out.csx", Scene + render);
        Assert.True(result.ExitCode == 0, result.ToString());

        var probe = MediaProbeTool.Probe(folder[file]);
        Assert.Equal((codec, 96, 64, 30L), (probe.Codec, probe.Width, probe.Height, probe.FrameCount));
        var container = ToolRunner.Run("ffprobe", ["-v", "error", "-show_entries", "format=format_name", "-of", "default=nw=1:nk=1", folder[file]]);
        Assert.Equal(format, System.Text.Encoding.UTF8.GetString(container.Stdout).Trim());
        Assert.Equal(sound, AudioProbe.Stream(folder[file]) is not null);
        Assert.Equal(new[] { "out.csx", file }.Order(StringComparer.Ordinal), folder.Files().Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [InlineData("Render(scene, \"x.mkv\", codec: \"dnxhd\");", "dnxhd", "incompatible with DNxHD")]
    [InlineData("Render(scene, \"x.y4m\", codec: \"libx264\");", "libx264", "Codec not supported")]
    [InlineData("Render(scene, \"x.xyz\");", ".xyz", "Unable to find a suitable output format")]
    [InlineData("Render(scene, \"x.mkv\", codec: \"nosuchcodec\");", "nosuchcodec", "no encoder")]
    public async Task What_ffmpeg_refuses_is_an_error_at_the_Render_line_in_its_own_words(string render, string named, string ffmpegSaid)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("containers");
        var (result, script) = await ScRunner.RenderScriptAsync(folder, "bad.csx", Scene + render);

        FailureAssert.Clean(result, folder, null, $"{script}(3): error:", named, ffmpegSaid);
        Assert.Equal(["bad.csx"], folder.Files());
    }

    [SkippableTheory]
    [InlineData("x.mpg", "mpeg1video", "mp2")]
    [InlineData("x.mxf", "mpeg2video", "pcm_s16le")]
    public async Task A_video_sent_with_o_to_a_container_outside_the_table_takes_its_own_picture_and_sound_codecs(string file, string codec, string soundCodec)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("containers");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "out.csx", """
            var scene = Composite(96, 64, Color(96, 64, "navy"), Tone(440, 1)).WithDuration(1);
            Render(scene, "out.mp4", fps: 25);
            """, "-o", folder[file]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var probe = MediaProbeTool.Probe(folder[file]);
        Assert.Equal((codec, 96, 64, 25L), (probe.Codec, probe.Width, probe.Height, probe.FrameCount));
        Assert.Equal(soundCodec, AudioProbe.Stream(folder[file])?.Codec);
        Assert.InRange(AudioProbe.RmsDb(folder[file]), -12, -6);
        Assert.Equal(["out.csx", file], folder.Files());
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData(", audioCodec: \"aac\"")]
    public async Task A_clip_with_sound_sent_to_a_container_without_sound_is_refused_naming_the_sound_and_the_fix(string named)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("containers");
        var (result, script) = await ScRunner.RenderScriptAsync(folder, "out.csx", $$"""
            var scene = Composite(96, 64, Color(96, 64, "navy"), Tone(440, 1)).WithDuration(1);
            Render(scene, "out.mp4", fps: 25{{named}});
            """, "-o", folder["x.y4m"]);

        FailureAssert.Clean(result, folder, folder["x.y4m"], $"{script}(2)", "-o", "sound", "audio: false", named.Length > 0 ? "'aac'" : ".mkv");
        Assert.DoesNotContain("libx264", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["out.csx"], folder.Files());
    }

    [SkippableFact]
    public async Task A_clip_without_sound_goes_into_a_container_without_sound()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("containers");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "out.csx", """
            var scene = Composite(96, 64, Color(96, 64, "navy"), Tone(440, 1)).WithDuration(1);
            Render(scene, "out.mp4", fps: 25, audio: false);
            """, "-o", folder["x.y4m"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(("rawvideo", 25L), (MediaProbeTool.Probe(folder["x.y4m"]).Codec, MediaProbeTool.Probe(folder["x.y4m"]).FrameCount));
    }

    [SkippableFact]
    public async Task Dnxhd_in_an_mxf_with_its_sound_in_pcm_is_written_whole()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("containers");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "mxf.csx", """
            var scene = Composite(1280, 720, Color(1280, 720, "navy"), Tone(440, 0.5)).WithDuration(0.5);
            Render(scene, "x.mxf", fps: 25, codec: "dnxhd", bitrate: "90M", pixelFormat: "yuv422p", audioCodec: "pcm_s16le");
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(("dnxhd", 1280, 720, 13L), (MediaProbeTool.Probe(folder["x.mxf"]).Codec, MediaProbeTool.Probe(folder["x.mxf"]).Width,
            MediaProbeTool.Probe(folder["x.mxf"]).Height, MediaProbeTool.Probe(folder["x.mxf"]).FrameCount));
        Assert.Equal("pcm_s16le", AudioProbe.Stream(folder["x.mxf"])?.Codec);
        var samples = ToolRunner.Run("ffmpeg", ["-v", "error", "-nostdin", "-i", folder["x.mxf"], "-map", "0:a:0", "-ac", "1", "-ar", "48000", "-f", "s16le", "-"]).Stdout.Length / 2;
        Assert.InRange(samples, 24000, 24000 + 1920);
        Assert.InRange(AudioProbe.RmsDb(folder["x.mxf"]), -12, -2);
    }

    [SkippableFact]
    public async Task Dnxhd_in_a_mkv_at_a_size_and_rate_it_takes_is_written()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("containers");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "dnx.csx",
            "Render(Color(1920, 1080, \"navy\").WithDuration(0.1), \"dnx.mkv\", codec: \"dnxhd\", bitrate: \"36M\", pixelFormat: \"yuv422p\");");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(("dnxhd", 3L), (MediaProbeTool.Probe(folder["dnx.mkv"]).Codec, MediaProbeTool.Probe(folder["dnx.mkv"]).FrameCount));
    }

    [SkippableTheory]
    [InlineData("Render(Color(101, 64, \"red\").WithDuration(1), \"odd.mp4\");", "even width", "pixelFormat: \"yuv444p\"")]
    [InlineData("Render(Color(96, 64, \"red\").WithDuration(1), \"no/such/folder/x.mp4\");", "does not exist", "mkdir")]
    [InlineData("Render(Color(96, 64, \"red\").WithDuration(1), \"rgb.mkv\", codec: \"libx264rgb\", pixelFormat: \"yuv420p\");",
        "The encoder 'libx264rgb' does not take pixelFormat: \"yuv420p\"", "it takes bgr0, bgr24, rgb24. Give one of those")]
    [InlineData("Render(Color(96, 64, \"red\").WithDuration(1), \"x.mp4\", pixelFormat: \"nope\");", "The encoder 'libx264' does not take pixelFormat: \"nope\"", "yuv420p")]
    [InlineData("Render(Composite(96, 64, Color(96, 64, \"red\").CrossFadeOut(0.5)).WithDuration(1), \"x.mp4\");", "no duration", "WithDuration")]
    public async Task Check_runs_the_script_and_plans_its_outputs_with_each_error_at_its_Render_line(string render, string problem, string fix)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("check");
        var script = folder.Write("bad.csx", "var unused = 1;\n" + render + "\n");

        var check = await ScRunner.RunAsync("check", script);
        FailureAssert.Clean(check, folder, null, $"{script}(2): error:", problem, fix);
        var compileOnly = await ScRunner.RunAsync("check", script, "--compile-only");
        Assert.True(compileOnly.ExitCode == 0, compileOnly.ToString());
        Assert.Equal(["bad.csx"], folder.Files());
    }

    [SkippableFact]
    public async Task Render_reports_a_missing_output_folder_at_the_Render_line()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, script) = await ScRunner.RenderScriptAsync(folder, "bad.csx", "\n\nRender(Color(96, 64, \"red\").WithDuration(1), \"no/such/folder/x.mp4\");\n");

        FailureAssert.Clean(result, folder, null, $"{script}(3): error:", "does not exist", "mkdir");
    }

    [SkippableFact]
    public async Task The_mkdir_suggested_for_a_missing_output_folder_makes_it_when_pasted_and_runs_nothing_else()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Pastes the suggestion into sh.");
        using var folder = new TempFolder("bad");
        var script = folder.Write("s.csx", "Render(Color(96, 64, \"red\").WithDuration(1), \"x.mp4\");\n");
        var missing = folder["Bob's $(touch PWN) Al's"];

        var result = await ScRunner.RunAsync("render", script, "-o", Path.Combine(missing, "x.mp4"));

        FailureAssert.Clean(result, folder, null, "does not exist", "mkdir");
        var start = result.Stderr.IndexOf("Create it (", StringComparison.Ordinal) + "Create it (".Length;
        var end = result.Stderr.IndexOf(") or choose another", StringComparison.Ordinal);
        var suggestion = result.Stderr[start..end];
        var pasted = ToolRunner.Run("sh", ["-c", $"cd {folder.Path} && {suggestion}"]);
        Assert.True(pasted.ExitCode == 0, $"{suggestion}: {pasted.Stderr}");
        Assert.True(Directory.Exists(missing), suggestion);
        Assert.False(File.Exists(folder["PWN"]), $"Pasting '{suggestion}' ran the command in the folder's name.");
    }

    [SkippableFact]
    public async Task Check_of_a_good_script_plans_every_frame_and_the_sound()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("check");
        var script = folder.Write("good.csx", Scene + "Render(loud, \"x.mp4\");\nRenderAudio(Tone(220, 0.5), \"x.wav\");\nSaveFrame(scene, 0.5, \"x.png\");\n");

        var result = await ScRunner.RunAsync("check", script);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("x.mp4: 30 frames planned, sound at 48000 Hz, stereo", result.Stdout);
        Assert.Contains("x.wav: sound at 48000 Hz", result.Stdout);
        Assert.Contains("x.png: the frame at 0.5 s planned", result.Stdout);
        Assert.Equal(["good.csx"], folder.Files());
    }
}
