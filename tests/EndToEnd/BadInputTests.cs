using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// Bad input of every kind: a non-zero exit, one clear message naming the thing and the fix (no stack trace), nothing
/// at the output path, no temporary file beside it, and no ffmpeg left running.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class BadInputTests
{
    /// <summary>Renders <paramref name="code"/> as bad.csx in a fresh folder, the output going to out.mp4 there.</summary>
    private static async Task<(ScResult Result, string Script, string Output)> Render(TempFolder folder, string code, params string[] extra)
    {
        var output = folder["out.mp4"];
        var (result, script) = await ScRunner.RenderScriptAsync(folder, "bad.csx", code, ["--set", $"out={output}", .. extra]);
        return (result, script, output);
    }

    [SkippableFact]
    public async Task Missing_script_says_it_does_not_exist()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var result = await ScRunner.RunAsync("render", folder["nope.csx"], "--backend", "cpu");
        FailureAssert.Clean(result, folder, null, "nope.csx", "does not exist");
    }

    [SkippableFact]
    public async Task A_codec_and_container_ffmpeg_writes_but_cannot_read_back_are_refused_before_the_render()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("s.csx", """Render(Color(32, 24, "red").WithDuration(0.4), "raw.mov", fps: 10, codec: "rawvideo");""");

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu");

        FailureAssert.Clean(result, folder, folder["raw.mov"], "raw.mov", "rawvideo", "cannot read its picture back");
        Assert.Equal(["s.csx"], folder.Files());
    }

    [SkippableTheory]
    [InlineData("still.png", "script")]
    [InlineData("f_%d%d.png", "script")]
    [InlineData("still.jpg", "-o")]
    public async Task A_video_named_like_one_picture_is_refused_before_anything_is_written(string name, string how)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("s.csx", how == "script"
            ? $$"""Render(Color(32, 24, "red").WithDuration(0.4), "{{name}}", fps: 10);"""
            : """Render(Color(32, 24, "red").WithDuration(0.4), "out.mp4", fps: 10);""");

        var result = await ScRunner.RunAsync(["render", script, "--backend", "cpu", .. how == "-o" ? new[] { "-o", folder[name] } : []]);

        FailureAssert.Clean(result, folder, folder[name], "names one picture", "_%04d", "SaveFrame");
        Assert.Equal(["s.csx"], folder.Files());
    }

    [SkippableTheory]
    [InlineData("Video(\"missing.mp4\")", "missing.mp4")]
    [InlineData("Image(\"missing.png\")", "missing.png")]
    public async Task Missing_media_file_points_at_the_script_line(string source, string file)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, script, output) = await Render(folder, $$"""
            var bg = Color(320, 240, "black");
            var layer = {{source}};
            Render(Composite(320, 240, bg, layer).WithDuration(1), Args["out"]);
            """);
        FailureAssert.Clean(result, folder, output, $"{script}(2)", file, "does not exist");
    }

    [SkippableTheory]
    [InlineData("Video(\"notes.mp4\")", "not a video")]
    [InlineData("Image(\"notes.mp4\")", "not an image")]
    [InlineData("Image(\"empty.png\")", "not an image")]
    public async Task File_that_is_not_media_is_named_at_the_script_line(string source, string complaint)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        folder.Write("notes.mp4", "These are my notes, not a video.\n");
        folder.Write("empty.png", "");
        var (result, script, output) = await Render(folder, $$"""
            var bg = Color(320, 240, "black");
            var layer = {{source}};
            Render(Composite(320, 240, bg, layer).WithDuration(1), Args["out"]);
            """);
        FailureAssert.Clean(result, folder, output, $"{script}(2)", complaint);
    }

    [GeneratedRegex(@"^(?<path>.+)\((?<line>\d+),(?<col>\d+)\): error (?<id>CS\d{4}): (?<message>.+)$")]
    private static partial Regex Diagnostic();

    [SkippableTheory]
    [InlineData("render")]
    [InlineData("check")]
    public async Task Script_that_does_not_compile_prints_every_error_compiler_style(string command)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("bad.csx", """
            var a = Color(320, 240, "red").WithDuration(1);
            var b = Colr(320, 240, "red");
            int n = "text";
            Render(a, Args["out"]);
            """);
        var output = folder["out.mp4"];
        var result = await ScRunner.RunAsync(command == "render" ? ["render", script, "--backend", "cpu", "--set", $"out={output}"] : ["check", script]);
        FailureAssert.Clean(result, folder, output);
        var errors = ErrorLines(result);
        Assert.True(errors.Count == 2, $"Expected exactly the two errors, each on its own line.\n{result}");
        AssertDiagnostic(errors[0], script, 2, 9, "CS0103", "Colr");
        AssertDiagnostic(errors[1], script, 3, 9, "CS0029", "int");
    }

    [SkippableFact]
    public async Task Error_in_a_loaded_file_is_reported_at_that_file()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var lib = folder.Write("lib/shapes.csx", """
            Clip Square() => Color(100, 100, "red").WithDuration(1);
            var oops = undefinedName;
            """);
        var script = folder.Write("main.csx", """
            #load "lib/shapes.csx"
            Render(Square(), Args["out"]);
            """);
        var output = folder["out.mp4"];
        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", $"out={output}");
        FailureAssert.Clean(result, folder, output);
        var errors = ErrorLines(result);
        Assert.True(errors.Count == 1, $"Expected one error.\n{result}");
        AssertDiagnostic(errors[0], lib, 2, 12, "CS0103", "undefinedName");
    }

    [SkippableFact]
    public async Task Script_that_throws_gives_message_and_line_stack_trace_only_with_verbose()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        const string code = """
            var a = Color(320, 240, "red").WithDuration(1);
            throw new InvalidOperationException("the script gave up");
            """;
        var (result, script, output) = await Render(folder, code);
        FailureAssert.Clean(result, folder, output, $"{script}(2)", "the script gave up");
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("the script gave up", StringComparison.Ordinal));

        var verbose = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", $"out={output}", "--verbose");
        Assert.True(verbose.ExitCode != 0, verbose.ToString());
        Assert.Contains("the script gave up", verbose.Stderr);
        Assert.Matches(@"(?m)^\s+at ", verbose.Stderr);
    }

    [SkippableTheory]
    [InlineData("position")]
    [InlineData("generator")]
    public async Task Script_lambda_that_throws_while_rendering_gives_message_and_script_line(string where)
    {
        // The design: runtime exceptions are reported at the script's line, also when the script's code runs during
        // rendering (an At(t => ...) position, a Frames generator), not only while the script itself runs.
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, script, output) = await Render(folder, where == "position"
            ? """
              var bg = Color(320, 240, "black");
              var dot = Color(10, 10, "red").At(t =>
                  t > 0.5 ? throw new InvalidOperationException("the position gave up") : (0, 0));
              Render(Composite(320, 240, bg, dot).WithDuration(1), Args["out"], preset: "ultrafast");
              """
            : """
              var frames = Frames(320, 240, 1, (t, px) =>
              {
                  if (t > 0.5) throw new InvalidOperationException("the generator gave up");
              });
              Render(frames, Args["out"], preset: "ultrafast");
              """);
        FailureAssert.Clean(result, folder, output, $"{script}(3)", $"the {where} gave up");
    }

    [SkippableFact]
    public async Task Output_with_a_container_ffmpeg_does_not_know_leaves_nothing()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var output = folder["out.xyz"];
        var (result, _, _) = await Render(folder, """
            Render(Color(320, 240, "red").WithDuration(1), Args["out"]);
            """, "-o", output);
        FailureAssert.Clean(result, folder, output, "out.xyz");
        Assert.Equal(["bad.csx"], folder.Files());
    }

    [SkippableTheory]
    [InlineData("folder", "is a folder")]
    [InlineData("noext", "extension")]
    public async Task Output_that_is_a_folder_or_has_no_extension_is_refused(string name, string complaint)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        Directory.CreateDirectory(folder["folder"]);
        var (result, _, _) = await Render(folder, """
            Render(Color(320, 240, "red").WithDuration(1), Args["out"]);
            """, "-o", folder[name]);
        FailureAssert.Clean(result, folder, null, name, complaint, $"-o {folder[name]}: ");
        Assert.Equal(["bad.csx"], folder.Files());
    }

    [SkippableTheory]
    [InlineData("folder", "is a folder, and sc frame writes one PNG file")]
    [InlineData("frame.jpg", "sc frame writes PNG, and -o")]
    public async Task Sc_frame_names_its_own_option_for_an_output_that_is_a_folder_or_not_a_png(string name, string complaint)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        Directory.CreateDirectory(folder["folder"]);
        var script = folder.Write("bad.csx", """
            Render(Color(32, 24, "red").WithDuration(1), "out.mp4");
            """);
        var result = await ScRunner.RunAsync("frame", script, "--at", "0", "-o", folder[name], "--backend", "cpu");
        FailureAssert.Clean(result, folder, null, complaint);
        Assert.DoesNotContain("SaveFrame", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("out.mp4", result.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Missing_argument_says_which_set_to_pass()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("bad.csx", """
            Render(Color(320, 240, "red").WithDuration(1), Args["target"]);
            """);
        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu");
        FailureAssert.Clean(result, folder, null, $"{script}(1)", "--set target=");
    }

    [SkippableTheory]
    [InlineData("Color(0, 10, \"red\").WithDuration(1)", "0x10")]
    [InlineData("Color(320, -240, \"red\").WithDuration(1)", "320x-240")]
    [InlineData("Color(320, 240, \"red\").WithDuration(-1)", "duration")]
    [InlineData("Color(320, 240, \"red\").WithDuration(0)", "duration")]
    [InlineData("Color(320, 240, \"red\")", "no duration")]
    [InlineData("Color(320, 240, \"red\").WithDuration(double.NaN)", "finite")]
    [InlineData("Color(320, 240, \"red\").WithDuration(1).FadeIn(-2)", "fade")]
    [InlineData("Color(320, 240, \"red\").WithDuration(1).Opacity(1.5)", "opacity")]
    [InlineData("Color(320, 240, \"not-a-color\").WithDuration(1)", "not-a-color")]
    public async Task Impossible_size_time_or_value_is_refused_at_the_script_line(string clip, string named)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, script, output) = await Render(folder, $$"""
            // an impossible clip on line 2
            var clip = {{clip}};
            Render(clip, Args["out"]);
            """);
        // Render of an endless clip fails on line 3, where Render is; the others on line 2.
        var line = clip == "Color(320, 240, \"red\")" ? 3 : 2;
        FailureAssert.Clean(result, folder, output, $"{script}({line})", named);
    }

    [SkippableTheory]
    [InlineData("Subclip(1, 5)")]
    [InlineData("Subclip(-1, 1)")]
    [InlineData("Subclip(1.5, 1)")]
    [InlineData("Subclip(3)")]
    public async Task Subclip_outside_the_source_is_refused_at_the_script_line(string subclip)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        TestMedia.SolidColor(folder, "red.mp4", "red", 320, 240, 2);
        var (result, script, output) = await Render(folder, $$"""
            var source = Video("red.mp4");
            var cut = source.{{subclip}};
            Render(cut, Args["out"]);
            """);
        FailureAssert.Clean(result, folder, output, $"{script}(2)", "Subclip", "outside", "red.mp4");
    }

    [SkippableFact]
    public async Task With_duration_longer_than_the_video_is_refused()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        TestMedia.SolidColor(folder, "red.mp4", "red", 320, 240, 2);
        var (result, script, output) = await Render(folder, """
            var source = Video("red.mp4");
            Render(source.WithDuration(5), Args["out"]);
            """);
        FailureAssert.Clean(result, folder, output, $"{script}(2)", "red.mp4", "5");
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Output_in_a_missing_folder_is_refused_before_rendering(bool viaOption)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var output = folder["no/such/folder/out.mp4"];
        var script = folder.Write("bad.csx", """
            Render(Color(320, 240, "red").WithDuration(1), Args.Get("out", "elsewhere.mp4"));
            """);
        var result = viaOption
            ? await ScRunner.RunAsync("render", script, "--backend", "cpu", "-o", output)
            : await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", $"out={output}");
        FailureAssert.Clean(result, folder, output, "does not exist", "no/such/folder", "mkdir");
        Assert.False(File.Exists(folder["elsewhere.mp4"]));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Output_that_is_an_input_is_refused_and_the_input_is_untouched(bool viaOption)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var input = TestMedia.SolidColor(folder, "red.mp4", "red", 320, 240, 1);
        var before = SHA256.HashData(File.ReadAllBytes(input));
        var script = folder.Write("bad.csx", """
            var v = Video("red.mp4");
            Render(Composite(320, 240, Color(320, 240, "blue"), v.Opacity(0.5)), Args.Get("out", "red.mp4"));
            """);
        var result = viaOption
            ? await ScRunner.RunAsync("render", script, "--backend", "cpu", "-o", input)
            : await ScRunner.RunAsync("render", script, "--backend", "cpu");
        FailureAssert.Clean(result, folder, null, "red.mp4", "input");
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(input)));
        Assert.Equal(["bad.csx", "red.mp4"], folder.Files());
    }

    [SkippableTheory]
    [InlineData("mapped", "Render(Video(\"red.mp4\").Map((t, image) => image), Args.Get(\"out\", \"red.mp4\"));")]
    [InlineData("sound", "Render(Color(320, 240, \"navy\").WithDuration(1).WithAudio(Audio(\"music.mp4\")), \"music.mp4\");")]
    [InlineData("sound only", "RenderAudio(Color(16, 16, \"navy\").WithDuration(1).WithAudio(Audio(\"tone.wav\").Subclip(0, 1)), \"tone.wav\");")]
    [InlineData("another output", "SaveFrame(Video(\"red.mp4\"), 0.5, \"poster.png\");\nRender(Color(320, 240, \"navy\").WithDuration(1), \"red.mp4\");")]
    [InlineData("a later output", "Render(Color(320, 240, \"navy\").WithDuration(1), \"red.mp4\");\nRender(Video(\"red.mp4\"), \"copy.mp4\");")]
    public async Task Output_that_any_clip_or_output_of_the_script_reads_is_refused_and_the_inputs_are_untouched(string how, string code)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        TestMedia.SolidColor(folder, "red.mp4", "red", 320, 240, 1);
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=2", folder["tone.wav"]);
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=2", "-c:a", "aac", folder["music.mp4"]);
        var before = folder.Files().ToDictionary(f => f, f => SHA256.HashData(File.ReadAllBytes(folder[f])));
        var script = folder.Write("bad.csx", code);

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu");

        FailureAssert.Clean(result, folder, null, "input", "bad.csx(");
        var named = how switch { "sound" => "music.mp4", "sound only" => "tone.wav", _ => "red.mp4" };
        Assert.True(result.Stderr.Contains(named, StringComparison.Ordinal), result.ToString());
        foreach (var (file, hash) in before)
            Assert.True(hash.SequenceEqual(SHA256.HashData(File.ReadAllBytes(folder[file]))), $"{file} changed ({how})");
        Assert.Equal(before.Keys.Append("bad.csx").Order(), folder.Files().Order());
    }

    [SkippableTheory]
    [InlineData("same.mp4")]
    [InlineData("./x/../same.mp4")]
    public async Task Two_outputs_writing_one_file_are_refused_before_either_is_written(string second)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        Directory.CreateDirectory(folder["x"]);
        var script = folder.Write("bad.csx", $$"""
            Render(Color(64, 36, "red").WithDuration(1), "same.mp4", fps: 10);
            Render(Color(64, 36, "blue").WithDuration(1), "{{second}}", fps: 10);
            """);

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu");

        FailureAssert.Clean(result, folder, folder["same.mp4"], "another output", "bad.csx(1)", "bad.csx(2)", "its own path");
        var check = await ScRunner.RunAsync("check", script);
        Assert.True(check.ExitCode != 0 && check.Stderr.Contains("another output", StringComparison.Ordinal), check.ToString());
    }

    [SkippableTheory]
    [InlineData("symbolic link")]
    [InlineData("hard link")]
    [InlineData("linked folder")]
    public async Task Output_that_is_an_input_reached_through_a_link_is_refused_and_the_input_is_untouched(string how)
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Makes links with ln.");
        using var folder = new TempFolder("bad");
        Directory.CreateDirectory(folder["store"]);
        var input = TestMedia.SolidColor(folder, "store/red.mp4", "red", 320, 240, 1);
        var before = SHA256.HashData(File.ReadAllBytes(input));
        var read = how switch
        {
            "symbolic link" => Link("-s", input, folder["link.mp4"]),
            "hard link" => Link("", input, folder["other.mp4"]),
            _ => Path.Combine(Link("-s", folder["store"], folder["media"]), "red.mp4"),
        };
        var script = folder.Write("bad.csx", $$"""
            var v = Video("{{read}}");
            Render(Composite(320, 240, Color(320, 240, "blue"), v.Opacity(0.5)), "unused.mp4");
            """);

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "-o", input);

        FailureAssert.Clean(result, folder, null, "red.mp4", "input", read);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(input)));
    }

    [SkippableTheory]
    [InlineData("#load")]
    [InlineData("subtitles")]
    [InlineData("the script")]
    public async Task Output_that_is_the_script_or_a_file_it_read_is_refused_and_the_file_is_untouched(string what)
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Makes links with ln.");
        using var folder = new TempFolder("bad");
        var lib = folder.Write("lib.csx", "var size = 64;\n");
        var subtitles = folder.Write("talk.srt", "1\n00:00:00,000 --> 00:00:01,000\nHello\n");
        var script = folder.Write("bad.csx", """
            #load "lib.csx"
            var words = Subtitles("talk.srt", size, size, size: 10);
            Render(Composite(size, size, Color(size, size, "blue"), words).WithDuration(1), "unused.mp4");
            """);
        var target = what switch { "#load" => lib, "subtitles" => subtitles, _ => script };
        var before = File.ReadAllText(target);
        // The output's name is a link to the file: writing "through" it is writing over the script's own input.
        var output = Link("-s", target, folder["out.mp4"]);

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "-o", output);

        FailureAssert.Clean(result, folder, null, "out.mp4", "input", Path.GetFileName(target));
        Assert.Equal(before, File.ReadAllText(target));
    }

    [SkippableFact]
    public async Task Picture_sequence_over_the_sequence_it_reads_is_refused_and_the_pictures_are_untouched()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        Directory.CreateDirectory(folder["frames"]);
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "color=c=red:s=32x32:r=10:d=0.5", "-start_number", "0", folder["frames/f_%04d.png"]);
        var before = Directory.GetFiles(folder["frames"]).Order(StringComparer.Ordinal).Select(f => SHA256.HashData(File.ReadAllBytes(f))).ToList();
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "bad.csx", """
            Render(ImageSequence("frames/*.png", 10).Invert(), "frames/f_%04d.png", fps: 10);
            """);

        FailureAssert.Clean(result, folder, null, "f_0000.png", "input", "pattern");
        Assert.Equal(before, Directory.GetFiles(folder["frames"]).Order(StringComparer.Ordinal).Select(f => SHA256.HashData(File.ReadAllBytes(f))).ToList());
    }

    /// <summary><c>ln [-s] target link</c>; returns the link's path.</summary>
    private static string Link(string option, string target, string link)
    {
        using var ln = System.Diagnostics.Process.Start("ln", option.Length > 0 ? [option, target, link] : [target, link])!;
        ln.WaitForExit();
        Assert.True(ln.ExitCode == 0, $"ln {option} {target} {link} failed");
        return link;
    }

    [SkippableFact]
    public async Task Mask_that_is_an_output_is_refused_too()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var input = TestMedia.SolidColor(folder, "mask.mp4", "white", 320, 240, 1);
        var before = SHA256.HashData(File.ReadAllBytes(input));
        var (result, _, _) = await Render(folder, """
            var masked = Color(320, 240, "red").WithMask(Video("mask.mp4"));
            Render(Composite(320, 240, Color(320, 240, "blue"), masked).WithDuration(1), "mask.mp4");
            """);
        FailureAssert.Clean(result, folder, null, "mask.mp4", "input");
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(input)));
    }

    [SkippableFact]
    public async Task Encoder_ffmpeg_lacks_names_it_and_an_alternative()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, _, output) = await Render(folder, """
            Render(Color(320, 240, "red").WithDuration(1), Args["out"], codec: "nosuchencoder");
            """);
        FailureAssert.Clean(result, folder, output, "nosuchencoder", "libx264");
    }

    [SkippableFact]
    public async Task Odd_size_for_yuv_420p_names_the_size_and_an_even_one()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, _, output) = await Render(folder, """
            Render(Color(321, 241, "red").WithDuration(1), Args["out"]);
            """);
        FailureAssert.Clean(result, folder, output, "321x241", "even", "322x242");
    }

    [SkippableTheory]
    [InlineData("novalue")]
    [InlineData("=value")]
    public async Task Set_without_key_equals_value_is_refused(string pair)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, _, output) = await Render(folder, """
            Render(Color(320, 240, "red").WithDuration(1), Args["out"]);
            """, "--set", pair);
        FailureAssert.Clean(result, folder, output, pair, "key=value");
    }

    [SkippableFact]
    public async Task Script_without_outputs_says_how_to_declare_one()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, _, output) = await Render(folder, """
            var clip = Color(320, 240, "red").WithDuration(1);
            """);
        FailureAssert.Clean(result, folder, output, "declares no output", "Render(");

        var frame = await ScRunner.RunAsync("frame", folder["bad.csx"], "--at", "0", "-o", folder["f.png"], "--backend", "cpu");
        FailureAssert.Clean(frame, folder, folder["f.png"], "no output", "Render(");
    }

    [SkippableFact]
    public async Task Ffmpeg_arguments_that_break_the_encode_leave_no_output()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, _, output) = await Render(folder, """
            Render(Color(320, 240, "red").WithDuration(2), Args["out"], ffmpegArgs: new[] { "-bsf:v", "nosuchfilter" });
            """);
        FailureAssert.Clean(result, folder, output, "ffmpeg", "out.mp4", "nosuchfilter");
    }

    [SkippableTheory]
    [InlineData("\"-f\", \"null\"")]
    [InlineData("\"-frames:v\", \"2\"")]
    public async Task Ffmpeg_arguments_that_make_the_output_unreadable_are_named_and_the_disk_is_not_blamed(string args)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var (result, _, output) = await Render(folder, $$"""
            Render(Color(64, 48, "red").WithDuration(1), Args["out"], fps: 10, ffmpegArgs: new[] { {{args}} });
            """);
        FailureAssert.Clean(result, folder, output, "out.mp4", "ffmpegArgs: {" + args + "}", "Remove or correct them");
        Assert.DoesNotContain("disk", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task Ffmpeg_killed_mid_render_leaves_no_output()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var output = folder["long.mp4"];
        var script = folder.Write("long.csx", """
            Render(Color(640, 360, "red").WithDuration(1800), Args["out"], preset: "slow");
            """);
        var render = Task.Run(() => ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", $"out={output}"));

        // Wait for the encoder to have written part of its temporary file, then kill it.
        await WaitFor.WrittenFileAsync(folder.Path, f => f.Name.Contains(".partial", StringComparison.Ordinal), TimeSpan.FromSeconds(60), render,
            () => render.IsCompleted ? $"The render ended before its ffmpeg could be killed.\n{render.Result}" : "");
        var encoder = ChildProcesses.FfmpegChildren(folder.Path).FirstOrDefault(p => p.CommandLine.Contains("rawvideo", StringComparison.Ordinal));
        Assert.True(encoder is not null, "The encoder wrote its temporary file, yet no ffmpeg reading raw video is running.");
        System.Diagnostics.Process.GetProcessById(encoder.Pid).Kill();

        var result = await render.WaitAsync(TimeSpan.FromSeconds(60));
        FailureAssert.Clean(result, folder, output, "ffmpeg", "long.mp4");
        Assert.Equal(["long.csx"], folder.Files());
    }

    private static List<string> ErrorLines(ScResult result) =>
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains(": error CS", StringComparison.Ordinal)).ToList();

    private static void AssertDiagnostic(string line, string path, int row, int column, string id, string mentions)
    {
        var match = Diagnostic().Match(line);
        Assert.True(match.Success, $"'{line}' is not 'path(line,col): error CSxxxx: message'.");
        Assert.Equal((path, row, column, id), (match.Groups["path"].Value, int.Parse(match.Groups["line"].Value), int.Parse(match.Groups["col"].Value), match.Groups["id"].Value));
        Assert.Contains(mentions, match.Groups["message"].Value);
    }
}
