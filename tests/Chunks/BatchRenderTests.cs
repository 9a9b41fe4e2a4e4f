using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Chunks;

/// <summary><c>sc render TEMPLATE --batch rows.csv</c>: one video per row, a bad row reported by number without stopping the others.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BatchRenderTests
{
    internal const string Template = """
        var seconds = Args.Get("seconds", 0.3);
        var title = Text(Args["title"], size: 12, color: "white").At("center").WithDuration(seconds);
        Render(Composite(64, 48, Color(64, 48, Args.Get("color", "navy")), title).WithDuration(seconds), "default.mp4", fps: 10, preset: "ultrafast");
        """;

    /// <summary>Five rows; the third asks for "abc" seconds, which the script cannot read as a number.</summary>
    internal const string Rows = "title,color,seconds\nOne,red,0.3\n\"Two, quoted\",green,0.3\nThree,blue,abc\nFour,navy,0.2\nFive,black,0.3\n";

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Five_rows_one_bad_writes_four_names_the_row_exits_non_zero(bool jobs)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("batch");
        var script = folder.Write("card.csx", Template);
        var rows = folder.Write("rows.csv", Rows);
        Directory.CreateDirectory(folder["out"]);

        string[] extra = jobs ? ["--jobs", "2"] : [];
        var result = await ScRunner.RunAsync(["render", script, "--backend", "cpu", "--batch", rows, "-o", Path.Combine(folder.Path, "out", "{row}-{color}.mp4"), .. extra]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["1-red.mp4", "2-green.mp4", "4-navy.mp4", "5-black.mp4"], Directory.GetFiles(folder["out"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("Rendered 4 of 5 rows", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Row 3 (line 4 of rows.csv) failed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("seconds", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("(row 3)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Row 2", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, MediaProbeTool.Probe(folder["out/4-navy.mp4"]).FrameCount);
        FailureAssert.NoStackTrace(result);
        FailureAssert.NoPartialFiles(folder);
    }

    [SkippableFact]
    public async Task Rows_that_would_write_the_same_file_are_refused_before_anything_renders()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("batch");
        var script = folder.Write("card.csx", Template);
        var rows = folder.Write("rows.csv", "title,color\nA,red\nB,red\n");

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--batch", rows, "-o", folder["{color}.mp4"]);

        FailureAssert.Clean(result, folder, folder["red.mp4"], "row 1", "row 2", "red.mp4", "{row}");
    }

    [SkippableFact]
    public async Task Columns_named_like_options_or_response_files_reach_the_script_as_values_in_worker_processes()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("batch");
        var script = folder.Write("card.csx", """
            Render(Color(32, 24, Args["@color"]).WithDuration(Args.Get("-o", 0.2)), "default.mp4", fps: 10, preset: "ultrafast");
            """);
        var rows = folder.Write("rows.csv", "@color,-o,--to\nred,0.2,x\nblue,0.3,y\n");

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--batch", rows, "-o", folder["{row}.mp4"], "--jobs", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, MediaProbeTool.Probe(folder["1.mp4"]).FrameCount);
        Assert.Equal(3, MediaProbeTool.Probe(folder["2.mp4"]).FrameCount);
        Assert.Equal(["1.mp4", "2.mp4", "card.csx", "rows.csv"], folder.Files());
    }

    [SkippableFact]
    public async Task A_value_that_starts_with_an_at_sign_is_a_value_not_a_response_file()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("batch");
        var script = folder.Write("card.csx", """Render(Color(32, 24, Args["@color"]).WithDuration(0.2), Args["out"], fps: 10, preset: "ultrafast");""");

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "@color=red", "--set", $"out={folder["out.mp4"]}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, MediaProbeTool.Probe(folder["out.mp4"]).FrameCount);
    }

    [SkippableTheory]
    [InlineData("--jobs", "title,output\nA,a.mp4\nB,\n", "row 2")]
    [InlineData("--chunk", "title\nA\nB\n", "row 1")]
    public async Task Rows_rendered_apart_must_each_name_their_output_before_anything_renders(string mode, string table, string named)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("batch");
        var script = folder.Write("card.csx", Template);
        var rows = folder.Write("rows.csv", table);
        string[] extra = mode == "--jobs" ? ["--jobs", "2"] : ["--chunk", "0/1", "--work-dir", folder["work"]];

        var result = await ScRunner.RunAsync(["render", script, "--backend", "cpu", "--batch", rows, .. extra]);

        FailureAssert.Clean(result, folder, folder["default.mp4"], mode, named, "must be named", "-o 'out/{row}.mp4'");
        Assert.False(File.Exists(folder["a.mp4"]));
    }

    [SkippableFact]
    public async Task Two_spellings_of_one_file_through_a_linked_folder_are_refused_before_anything_renders()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("batch");
        var script = folder.Write("card.csx", Template);
        Directory.CreateDirectory(folder["out"]);
        Directory.CreateSymbolicLink(folder["link"], "out");
        var rows = folder.Write("rows.csv", "title,output\nA,out/a.mp4\nB,link/a.mp4\n");

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--batch", rows);

        FailureAssert.Clean(result, folder, folder["out/a.mp4"], "row 1", "row 2", "one file");
    }

    [SkippableFact]
    public async Task A_pattern_that_leaves_a_row_without_a_file_name_is_refused()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("batch");
        var script = folder.Write("card.csx", Template);
        var rows = folder.Write("rows.csv", "title,name\nA,first\nB,\n");

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--batch", rows, "-o", folder["{name}.mp4"]);

        FailureAssert.Clean(result, folder, folder["first.mp4"], "row 2", "no file name", "{row}");
        Assert.Equal(["card.csx", "rows.csv"], folder.Files());
    }
}
