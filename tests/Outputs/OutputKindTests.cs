using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>Every kind of output a script can declare, produced and probed: codec, size, frame count, duration, transparency.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OutputKindTests
{
    private const string Scene = """
        var scene = Composite(96, 64, [Color(96, 64, "navy"), Color(32, 32, "orange").At(t => (64 * t, 16))], "black").WithDuration(1);
        var cutout = Composite(96, 64, [Color(32, 32, "red").At(32, 16)], "transparent").WithDuration(1);

        """;

    [SkippableTheory]
    [InlineData("h264.mp4", "Render(scene, \"h264.mp4\", crf: 18, preset: \"veryfast\");", "h264", "yuv420p")]
    [InlineData("h265.mkv", "Render(scene, \"h265.mkv\", codec: \"libx265\", preset: \"ultrafast\");", "hevc", "yuv420p")]
    [InlineData("h265.mp4", "Render(scene, \"h265.mp4\", codec: \"libx265\", preset: \"ultrafast\", ffmpegArgs: [\"-tag:v\", \"hvc1\"]);", "hevc", "yuv420p")]
    [InlineData("vp9.webm", "Render(scene, \"vp9.webm\", crf: 40, ffmpegArgs: [\"-deadline\", \"realtime\", \"-cpu-used\", \"8\"]);", "vp9", "yuv420p")]
    [InlineData("prores.mov", "Render(scene, \"prores.mov\", codec: \"prores_ks\");", "prores", "yuv420p")]
    [InlineData("yuv444.mp4", "Render(scene, \"yuv444.mp4\", pixelFormat: \"yuv444p\", preset: \"veryfast\");", "h264", "yuv444p")]
    [InlineData("anim.gif", "Render(scene, \"anim.gif\", fps: 30);", "gif", "")]
    public async Task Video_outputs_have_their_codec_size_and_every_frame(string file, string render, string codec, string pixelFormat)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "out.csx", Scene + render);
        Assert.True(result.ExitCode == 0, result.ToString());

        var probe = MediaProbeTool.Probe(folder[file]);
        Assert.Equal(codec, probe.Codec);
        Assert.Equal((96, 64), (probe.Width, probe.Height));
        Assert.Equal(30, probe.FrameCount);
        Assert.Equal(1.0, probe.Duration, 1);
        if (codec == "prores")
            Assert.StartsWith("yuv422p10", probe.PixelFormat);
        else if (pixelFormat.Length > 0)
            Assert.Equal(pixelFormat, probe.PixelFormat);
        var frame = FrameGrabber.Frame(folder[file], 15);
        PixelCheck.AssertNear(frame, 2, 2, new ScriptComposer.Gpu.Rgba(0, 0, 128), 12, $"{file}: the navy background");
    }

    [SkippableTheory]
    [InlineData("moved.gif", "", "gif", null, false)]
    [InlineData("frames/f_%03d.png", "", "png", null, false)]
    [InlineData("moved.webm", "", "vp9", "yuv420p", true)]
    [InlineData("moved.mkv", ", pixelFormat: \"yuv444p\"", "h264", "yuv444p", true)]
    public async Task An_output_sent_elsewhere_with_o_takes_the_codecs_its_new_path_needs_and_keeps_those_the_script_named(
        string moved, string named, string codec, string? pixelFormat, bool sound)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        Directory.CreateDirectory(folder["frames"]);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "out.csx",
            Scene + $"Render(scene.WithAudio(Tone(440, 1)), \"out.mp4\", fps: 10{named});", "-o", folder[moved]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var first = moved.Contains('%', StringComparison.Ordinal) ? folder["frames/f_000.png"] : folder[moved];
        var probe = MediaProbeTool.Probe(first);
        Assert.Equal(codec, probe.Codec);
        Assert.Equal((96, 64), (probe.Width, probe.Height));
        Assert.Equal(sound, AudioProbe.Stream(first) is not null);
        if (pixelFormat is not null)
            Assert.Equal(pixelFormat, probe.PixelFormat);
        if (moved.Contains('%', StringComparison.Ordinal))
            Assert.Equal(10, Directory.GetFiles(folder["frames"], "f_*.png").Length);
        else
            Assert.Equal(10, probe.FrameCount);
        Assert.False(File.Exists(folder["out.mp4"]));
    }

    [SkippableFact]
    public async Task Picture_sequences_number_every_frame_from_zero()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        Directory.CreateDirectory(folder["png"]);
        Directory.CreateDirectory(folder["jpg"]);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "seq.csx", Scene + """
            Render(scene, "png/f_%03d.png", fps: 10);
            Render(scene, "jpg/f_%03d.jpg", fps: 10);
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"f_{i:000}.png"), Directory.GetFiles(folder["png"]).Select(Path.GetFileName).Order());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"f_{i:000}.jpg"), Directory.GetFiles(folder["jpg"]).Select(Path.GetFileName).Order());
        var png = RgbaImage.LoadPng(folder["png/f_005.png"]);
        Assert.Equal((96, 64), (png.Width, png.Height));
        PixelCheck.AssertNear(png, 2, 2, new ScriptComposer.Gpu.Rgba(0, 0, 128), 1, "the navy background of a PNG frame");
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path, "*.partial-*", SearchOption.AllDirectories));
    }

    [SkippableTheory]
    [InlineData("50%done.mp4", "h264")]
    [InlineData("f_%04d.mp4", "h264")]
    [InlineData("100%.mkv", "h264")]
    [InlineData("a%d.gif", "gif")]
    public async Task A_percent_in_a_video_or_gif_name_is_part_of_one_file(string name, string codec)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "out.csx", Scene + $$"""Render(scene, "{{name}}", fps: 10);""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Wrote {folder[name]}: 10 frames", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(new[] { "out.csx", name }.Order(StringComparer.Ordinal), folder.Files());
        var probe = MediaProbeTool.Probe(folder[name]);
        Assert.Equal((codec, 10), (probe.Codec, probe.FrameCount));
    }

    [SkippableFact]
    public async Task A_picture_sequence_in_a_folder_with_a_percent_numbers_only_its_file_names()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        Directory.CreateDirectory(folder["100%"]);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "seq.csx", Scene + """Render(scene, "100%/f_%02d.png", fps: 10);""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"f_{i:00}.png"), Directory.GetFiles(folder["100%"]).Select(f => Path.GetFileName(f)).Order());
    }

    [SkippableTheory]
    [InlineData("vp9")]
    [InlineData("vp8")]
    public async Task A_transparent_webm_reads_back_with_its_transparency(string codec)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        var (written, _) = await ScRunner.RenderScriptAsync(folder, "write.csx", Scene + $"Render(cutout, \"cutout.{(codec == "vp9" ? "webm" : "mov")}\", fps: 10, alpha: true);");
        Assert.True(written.ExitCode == 0, written.ToString());
        if (codec == "vp8") // sc writes VP9 for alpha; a VP8 one, as other tools write it, made from sc's ProRes 4444
            ToolRunner.Ffmpeg("-i", folder["cutout.mov"], "-c:v", "libvpx", "-pix_fmt", "yuva420p", "-auto-alt-ref", "0", "-b:v", "1M", "-colorspace", "bt709", folder["cutout.webm"]);

        // Read back over white: where the cutout was transparent the white shows, where it was red the red does.
        var (read, _) = await ScRunner.RenderScriptAsync(folder, "read.csx",
            "Render(Composite(96, 64, Color(96, 64, \"white\"), Video(\"cutout.webm\")).WithDuration(1), \"over.mp4\", fps: 10);");
        Assert.True(read.ExitCode == 0, read.ToString());

        var frame = FrameGrabber.Frame(folder["over.mp4"], 5);
        PixelCheck.AssertNear(frame, 5, 5, new ScriptComposer.Gpu.Rgba(255, 255, 255), 8, $"{codec}: a transparent corner over white");
        PixelCheck.AssertNear(frame, 48, 32, new ScriptComposer.Gpu.Rgba(255, 0, 0), 16, $"{codec}: the red square");
    }

    [SkippableFact]
    public async Task A_shorter_render_of_a_sequence_leaves_only_its_own_pictures()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        Directory.CreateDirectory(folder["seq"]);
        var (first, _) = await ScRunner.RenderScriptAsync(folder, "long.csx", Scene + """Render(scene, "seq/f_%02d.png", fps: 20);""");
        Assert.True(first.ExitCode == 0, first.ToString());
        folder.Write("seq/notes.txt", "mine");

        var (second, _) = await ScRunner.RenderScriptAsync(folder, "short.csx", Scene + """Render(scene, "seq/f_%02d.png", fps: 5);""");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("5 frames", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"f_{i:00}.png").Append("notes.txt"), Directory.GetFiles(folder["seq"]).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [InlineData("Render(scene, \"seq/f_%d.png\", fps: 10);", "Render(scene.Invert(), \"seq/f_%01d.png\", fps: 10);", "f_0.png")]
    [InlineData("Render(scene, \"seq/f_%04d.png\", fps: 10);", "SaveFrame(scene.Invert(), 0.1, \"seq/f_0001.png\");", "f_0001.png")]
    [InlineData("SaveFrame(scene.Invert(), 0.1, \"seq/f_0001.png\");", "Render(scene, \"seq/f_%04d.png\", fps: 10);", "f_0001.png")]
    [InlineData("Render(scene, \"seq/f_%03d.png\", fps: 10);", "Render(scene, \"seq/f_%04d.png\", fps: 10);", "f_1000.png")]
    [InlineData("SaveFrame(scene, 0.1, \"seq/f_12345.png\");", "Render(scene, \"seq/f_%04d.png\", fps: 10);", "f_12345.png")]
    public async Task Two_outputs_that_name_a_picture_in_common_are_refused_at_the_second_before_anything_is_written(string first, string second, string shared)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        Directory.CreateDirectory(folder["seq"]);
        var (result, script) = await ScRunner.RenderScriptAsync(folder, "both.csx", Scene + first + "\n" + second);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{script}(4)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("is written by another output of the script too", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"at {script}(3)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder["seq"], shared), result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder["seq"]));
    }

    [SkippableFact]
    public async Task Sequences_whose_names_never_meet_render_side_by_side()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        Directory.CreateDirectory(folder["seq"]);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "both.csx", Scene + """
            Render(scene, "seq/a_%02d.png", fps: 5);
            Render(scene.Invert(), "seq/a_%02d.jpg", fps: 5);
            SaveFrame(scene, 0.5, "seq/a_5.png");
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(i => new[] { $"a_{i:00}.jpg", $"a_{i:00}.png" }).Append("a_5.png").Order(StringComparer.Ordinal),
            Directory.GetFiles(folder["seq"]).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
    }

    [SkippableTheory]
    [InlineData("alpha.mov", "Render(cutout, \"alpha.mov\", alpha: true);", "prores", null)]
    [InlineData("alpha.webm", "Render(cutout, \"alpha.webm\", alpha: true, ffmpegArgs: [\"-deadline\", \"realtime\", \"-cpu-used\", \"8\"]);", "vp9", "libvpx-vp9")]
    [InlineData("seq/a_%02d.png", "Render(cutout, \"seq/a_%02d.png\", alpha: true, fps: 5);", "png", null)]
    public async Task Alpha_outputs_keep_transparent_and_opaque_pixels(string file, string render, string codec, string? decoder)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        Directory.CreateDirectory(folder["seq"]);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "alpha.csx", Scene + render);
        Assert.True(result.ExitCode == 0, result.ToString());

        var path = file.Contains('%') ? folder["seq/a_02.png"] : folder[file];
        Assert.Equal(codec, MediaProbeTool.Probe(path).Codec);
        // Decode to straight RGBA with BT.709 (the encoder's matrix); libvpx is the VP9 decoder that reads the alpha plane.
        var args = new List<string> { "-v", "error", "-nostdin" };
        if (decoder is not null) args.AddRange(["-c:v", decoder]);
        args.AddRange(["-i", path, "-frames:v", "1", "-vf", "scale=in_color_matrix=bt709:in_range=tv,format=rgba", "-f", "rawvideo", "-"]);
        var decoded = ToolRunner.Run("ffmpeg", args);
        Assert.True(decoded.ExitCode == 0, decoded.Stderr);
        var pixels = decoded.Stdout;
        int Alpha(int x, int y) => pixels[(y * 96 + x) * 4 + 3];
        Assert.Equal(0, Alpha(2, 2));
        Assert.True(Alpha(48, 32) >= 250, $"the opaque square has alpha {Alpha(48, 32)}");
        Assert.True(pixels[(32 * 96 + 48) * 4] >= 240 && pixels[(32 * 96 + 48) * 4 + 1] <= 12, "the opaque square is red");
    }

    [SkippableTheory]
    [InlineData("tone.wav", "pcm_s16le")]
    [InlineData("tone.m4a", "aac")]
    [InlineData("tone.mp3", "mp3")]
    [InlineData("tone.ogg", "vorbis")]
    [InlineData("tone.flac", "flac")]
    public async Task Audio_outputs_have_their_codec_and_duration(string file, string codec)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "audio.csx", $"RenderAudio(Tone(440, 1.5), \"{file}\");");
        Assert.True(result.ExitCode == 0, result.ToString());

        var stream = AudioProbe.Stream(folder[file]);
        Assert.NotNull(stream);
        Assert.Equal(codec, stream.Value.Codec);
        Assert.Equal(1.5, stream.Value.Duration, 1);
    }

    [SkippableTheory]
    [InlineData("deep.mkv", "pcm_s24le")]
    [InlineData("float.mov", "pcm_f32le")]
    [InlineData("apple.mkv", "alac")]
    [InlineData("dolby.mov", "ac3")]
    public async Task A_video_takes_every_sound_codec_its_container_holds(string file, string codec)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "sound.csx",
            $"Render(Color(64, 36, \"red\").WithDuration(1).WithAudio(Tone(440, 1)), \"{file}\", fps: 10, audioCodec: \"{codec}\");");
        Assert.True(result.ExitCode == 0, result.ToString());

        var stream = AudioProbe.Stream(folder[file]);
        Assert.NotNull(stream);
        Assert.Equal(codec, stream.Value.Codec);
    }

    [SkippableFact]
    public async Task Several_outputs_of_one_script_render_in_one_run()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "variants.csx", """
            Clip Scene(int w, int h) => Composite(w, h, [Color(w, h, "navy"), Color(32, 32, "orange").At("center")], "black").WithDuration(1);
            Render(Scene(160, 90), "wide.mp4", preset: "veryfast");
            Render(Scene(90, 160), "tall.mp4", preset: "veryfast");
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        Assert.Equal((160, 90), (MediaProbeTool.Probe(folder["wide.mp4"]).Width, MediaProbeTool.Probe(folder["wide.mp4"]).Height));
        Assert.Equal((90, 160), (MediaProbeTool.Probe(folder["tall.mp4"]).Width, MediaProbeTool.Probe(folder["tall.mp4"]).Height));
    }

    [SkippableTheory]
    [InlineData("Render(scene, \"x.webm\", codec: \"libx264\");", "cannot go in a .webm", "libvpx-vp9")]
    [InlineData("Render(scene, \"x.mp4\", codec: \"prores_ks\");", "cannot go in a .mp4", ".mov")]
    [InlineData("Render(cutout, \"x.mp4\", alpha: true);", "cannot keep transparency", "prores_ks")]
    [InlineData("Render(scene, \"x.xyz\");", "Unable to find a suitable output format", ".mp4")]
    [InlineData("RenderAudio(Tone(440, 1), \"x.mp3\", codec: \"aac\");", "cannot go in a .mp3", "libmp3lame")]
    [InlineData("RenderAudio(Tone(440, 1), \"x.mp4\");", "RenderAudio writes", ".wav")]
    [InlineData("Render(scene, \"x.mp4\", audioCodec: \"nosuchaudio\");", "cannot go in a .mp4", "aac")]
    public async Task Impossible_outputs_fail_at_the_script_line_before_any_frame(string render, string problem, string alternative)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        var (result, script) = await ScRunner.RenderScriptAsync(folder, "bad.csx", Scene + render);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{script}(3)", result.Stderr);
        Assert.Contains(problem, result.Stderr);
        Assert.Contains(alternative, result.Stderr);
        Assert.Equal(["bad.csx"], folder.Files());
    }

    [SkippableTheory]
    [InlineData(10)]
    [InlineData(15)]
    [InlineData(12)]
    public async Task A_gif_shows_colours_that_appear_after_its_first_frame_and_lasts_as_long_as_its_clip(int fps)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("outputs");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "out.csx", $$"""
            var scene = Composite(64, 48, Color(64, 48, "gray").WithDuration(1), Color(16, 16, "lime").At(24, 16).WithStart(0.5).WithDuration(0.5));
            Render(scene, "late.gif", fps: {{fps}});
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        var probe = MediaProbeTool.Probe(folder["late.gif"]);
        Assert.Equal(fps, probe.FrameCount);
        Assert.Equal(1.0, probe.Duration, 3);
        // Through yuv420p (ffmpeg converts the palette with BT.601) and back with BT.709: green, not exactly 255.
        var lime = FrameGrabber.Frame(folder["late.gif"], fps - 1)[32, 24];
        var gray = FrameGrabber.Frame(folder["late.gif"], 0)[32, 24];
        Assert.True(lime.R < 40 && lime.G > 180 && lime.B < 40, $"The last frame shows {lime} where the lime square is.");
        Assert.True(Math.Abs(gray.R - 128) < 6 && Math.Abs(gray.G - 128) < 6, $"The first frame shows {gray} where the gray background is.");
    }
}
