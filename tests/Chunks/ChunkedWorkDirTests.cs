using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Chunks;

/// <summary>
/// What a chunked render refuses to do with the user's files (a work dir that is a file, that is the output, or that holds a
/// render.json of the user's) and with options that cannot be chunked, and chunks that hold no frame.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ChunkedWorkDirTests
{
    private const string Script = """Render(Color(32, 24, "red").WithDuration(0.3).FadeIn(0.3), "out.mp4", fps: 10, preset: "ultrafast");""";

    [SkippableTheory]
    [InlineData("--jobs abc", "--jobs 'abc' is not a whole number; give one, such as --jobs 4.")]
    [InlineData("--jobs 2 --chunks 3000000000", "--chunks 3000000000 is far more than sc can take; give a smaller number, such as --chunks 8.")]
    [InlineData("--slurm --chunks 2 --retries x", "--retries 'x' is not a whole number; give one, such as --retries 2.")]
    [InlineData("--slurm --chunks 2 --gpus-per-chunk 1.5", "--gpus-per-chunk '1.5' is not a whole number; give one, such as --gpus-per-chunk 1.")]
    [InlineData("--jobs 2 --chunks 20000", "--chunks 20000 is more chunks than sc cuts a video into (at most 10000)")]
    [InlineData("--jobs 5000", "--jobs 5000 is more worker processes than sc starts at once (at most 1024)")]
    public async Task A_count_that_is_no_whole_number_or_too_many_is_refused_in_one_line(string options, string message)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("workdir");
        var script = folder.Write("s.csx", Script);

        var result = await ScRunner.RunAsync(["render", script, "--backend", "cpu", .. options.Split(' ')]);

        FailureAssert.Clean(result, folder, folder["out.mp4"], message);
        Assert.DoesNotContain("System.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("--jobs")]
    [InlineData("--chunk")]
    public async Task A_work_dir_that_is_a_file_is_refused_and_the_file_kept(string mode)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("workdir");
        var script = folder.Write("s.csx", Script);
        var notes = folder.Write("notes.txt", "mine");
        string[] chunking = mode == "--jobs" ? ["--jobs", "2"] : ["--chunk", "0/2"];

        var result = await ScRunner.RunAsync(["render", script, "--backend", "cpu", .. chunking, "--work-dir", notes]);

        FailureAssert.Clean(result, folder, folder["out.mp4"], "work dir", "notes.txt", "is a file", "--work-dir");
        Assert.Equal("mine", File.ReadAllText(notes));
    }

    [SkippableFact]
    public async Task A_work_dir_that_is_the_output_is_refused_before_anything_is_made()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("workdir");
        var script = folder.Write("s.csx", Script);

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--jobs", "2", "-o", folder["new.mp4"], "--work-dir", folder["new.mp4"]);

        FailureAssert.Clean(result, folder, null, "is also the output", "new.mp4");
        Assert.False(Directory.Exists(folder["new.mp4"]));
    }

    [SkippableFact]
    public async Task A_work_dir_holding_a_render_json_of_the_user_s_is_refused_and_the_file_kept()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("workdir");
        var script = folder.Write("s.csx", Script);
        Directory.CreateDirectory(folder["mine"]);
        var json = folder.Write("mine/render.json", """{ "theme": "dark" }""");

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--jobs", "2", "--work-dir", folder["mine"]);

        FailureAssert.Clean(result, folder, folder["out.mp4"], "render.json", "sc did not write");
        Assert.Equal("""{ "theme": "dark" }""", File.ReadAllText(json));
    }

    [SkippableTheory]
    [InlineData("--chunk")]
    [InlineData("--jobs")]
    public async Task A_work_dir_of_another_render_is_refused_and_its_chunks_kept(string mode)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("workdir");
        var first = folder.Write("first.csx", Script);
        var second = folder.Write("second.csx", Script.Replace("out.mp4", "other.mp4", StringComparison.Ordinal));
        var work = folder["work"];
        var chunk = await ScRunner.RunAsync("render", first, "--backend", "cpu", "--chunk", "0/2", "--work-dir", work);
        Assert.True(chunk.ExitCode == 0, chunk.ToString());
        var before = Directory.GetFiles(work).ToDictionary(f => f, File.ReadAllBytes);
        string[] chunking = mode == "--jobs" ? ["--jobs", "2"] : ["--chunk", "1/2"];

        var result = await ScRunner.RunAsync(["render", second, "--backend", "cpu", .. chunking, "--work-dir", work]);

        FailureAssert.Clean(result, folder, folder["other.mp4"], "belongs to another render", "first.csx", "--work-dir");
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(work).Order());
        foreach (var (path, bytes) in before)
            Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [SkippableFact]
    public async Task Join_of_a_script_says_it_is_a_file_and_how_to_render_it_in_chunks()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("workdir");
        var script = folder.Write("it's.csx", Script);

        var result = await ScRunner.RunAsync("join", script);

        FailureAssert.Clean(result, folder, folder["out.mp4"], "is a file", "--chunk 0/2", "sc join chunks", "it'\\''s.csx'");
        Assert.DoesNotContain("does not exist", result.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_null_output_is_refused_with_jobs()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("workdir");
        var script = folder.Write("s.csx", Script);

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--jobs", "2", "-o", "null");

        FailureAssert.Clean(result, folder, folder["out.mp4"], "-o null", "no chunks", "--jobs");
        Assert.Equal(["s.csx"], folder.Files());
    }

    [SkippableFact]
    public async Task Chunks_beyond_the_last_frame_start_no_worker_and_the_join_is_whole()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("workdir");
        var script = folder.Write("s.csx", Script);

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--jobs", "2", "--chunks", "12");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Rendered 3 of 12 chunks with 2 worker(s)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("(9 with no frame)", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, MediaProbeTool.Probe(folder["out.mp4"]).FrameCount);
        Assert.Equal(["out.mp4", "s.csx"], folder.Files());
    }
}
