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

    [SkippableTheory]
    [InlineData("Render(Color(64, 48, Args[\"color\"]).WithDuration(0.3), \"same.mp4\", fps: 10, preset: \"ultrafast\");", "color\nred\nblue\n", "same.mp4")]
    [InlineData("Render(Color(64, 48, Args[\"color\"]).WithDuration(0.3), Args[\"out\"], fps: 10, preset: \"ultrafast\");", "color,out\nred,a.mp4\nblue,a.mp4\n", "a.mp4")]
    [InlineData("Render(Color(64, 48, Args[\"color\"]).WithDuration(0.3), Args[\"out\"], fps: 10);", "color,out\nred,f_%d.png\nblue,f_%01d.png\n", "f_0.png")]
    [InlineData("var c = Color(64, 48, Args[\"color\"]).WithDuration(0.3); if (Args[\"out\"].Contains('%')) Render(c, Args[\"out\"], fps: 10); else SaveFrame(c, 0.1, Args[\"out\"]);", "color,out\nred,f_%04d.png\nblue,f_0001.png\n", "f_0001.png")]
    public async Task Rows_that_write_the_same_file_through_the_scripts_own_paths_are_refused_before_anything_renders(string render, string table, string shared)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("batch");
        var script = folder.Write("card.csx", render);
        var rows = folder.Write("rows.csv", table);

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--batch", rows);

        FailureAssert.Clean(result, folder, folder[shared], "row 1 (line 2 of rows.csv)", "row 2 (line 3 of rows.csv)", $"'{folder[shared]}'", "before anything renders");
        Assert.DoesNotContain("Wrote", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["card.csx", "rows.csv"], folder.Files());
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_row_is_named_by_the_line_it_starts_on_and_a_cell_the_script_cannot_read_by_its_column(bool jobs)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("batch");
        var script = folder.Write("card.csx", """Render(Color(64, 48, "red").WithDuration(Args.Get("dur", 0.5)), "x.mp4", fps: 10, preset: "ultrafast");""");
        var rows = folder.Write("rows.csv", "title,dur\n\"two\nlines\",\nok,0.3\n\"three\nmore\nlines\",abc\n");
        string[] extra = jobs ? ["--jobs", "2"] : [];

        var result = await ScRunner.RunAsync(["render", script, "--backend", "cpu", "--batch", rows, "-o", folder["{row}.mp4"], .. extra]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Row 1 (line 2 of rows.csv) failed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("column 'dur' of row 1 (line 2 of rows.csv) is empty, but the script expects a number for 'dur'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Row 3 (line 5 of rows.csv) failed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("column 'dur' of row 3 (line 5 of rows.csv) holds 'abc', but the script expects a number for 'dur'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("--set", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, MediaProbeTool.Probe(folder["2.mp4"]).FrameCount);
        Assert.Equal(["2.mp4", "card.csx", "rows.csv"], folder.Files());
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

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Work_dir_with_a_batch_rendered_here_is_refused_as_changing_nothing(int workers)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("batch");
        var script = folder.Write("card.csx", Template);
        var rows = folder.Write("rows.csv", "title,color\nA,red\n");

        string[] jobs = workers > 1 ? ["--jobs", $"{workers}"] : [];
        var result = await ScRunner.RunAsync(["render", script, "--backend", "cpu", "--batch", rows, "-o", folder["{row}.mp4"], .. jobs, "--work-dir", folder["work"]]);

        FailureAssert.Clean(result, folder, folder["1.mp4"], "--work-dir", "--batch", "--chunk", "--slurm");
        Assert.False(Directory.Exists(folder["work"]));
    }

    [SkippableFact]
    public async Task A_group_started_again_renders_only_the_rows_whose_render_changed()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("batch");
        var script = folder.Write("card.csx", Template);
        var rows = folder.Write("rows.csv", "title,color\nA,red\nB,green\n");
        var work = folder["work"];
        async Task<ScResult> Group(string pattern) =>
            await ScRunner.RunAsync("render", script, "--backend", "cpu", "--batch", rows, "-o", folder[pattern], "--chunk", "0/1", "--work-dir", work);

        var first = await Group("{row}.mp4");
        var again = await Group("{row}.mp4");
        File.WriteAllText(rows, "title,color\nA,red\nB,blue\n");
        var changedRow = await Group("{row}.mp4");
        var otherNames = await Group("g{row}.mp4");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotContain("already done", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("Row 1: already done", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("Row 2: already done", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("Row 1: already done", changedRow.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Row 2: already done", changedRow.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("already done", otherNames.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(folder["g1.mp4"]) && File.Exists(folder["g2.mp4"]), string.Join(", ", folder.Files()));
        var join = await ScRunner.RunAsync("join", work);
        Assert.True(join.ExitCode == 0, join.ToString());
        Assert.Contains($"Row 2: {folder["g2.mp4"]}", join.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_row_whose_worker_is_killed_is_reported_as_killed_and_leaves_no_temporary_file()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Kills a worker with kill(1), found in /proc.");
        using var folder = new TempFolder("batch");
        // Row 1 runs for minutes (every frame differs); row 2 is short.
        var script = folder.Write("card.csx", """Render(Color(320, 240, Args["color"]).WithDuration(double.Parse(Args["seconds"])).FadeIn(600), "x.mp4", preset: "slow");""");
        var rows = folder.Write("rows.csv", "color,seconds\nred,600\nblue,0.2\n");
        var marker = Guid.NewGuid().ToString("N");
        var run = Task.Run(() => ScRunner.RunProcess(["render", script, "--backend", "cpu", "--batch", rows, "-o", folder["{row}.mp4"], "--jobs", "2"],
            new Dictionary<string, string?> { [ChildProcesses.MarkerVariable] = marker }, TimeSpan.FromMinutes(3)));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        ProcessEntry? worker = null;
        while (worker is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "Row 1's encoder did not start within 120 s.");
            var encoder = ChildProcesses.FfmpegWithMarker(marker).FirstOrDefault(p => p.CommandLine.Contains(".1.partial", StringComparison.Ordinal));
            worker = encoder is null ? null : ChildProcesses.All().FirstOrDefault(p => p.Pid == encoder.ParentPid);
            await Task.Delay(100);
        }
        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", worker.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        var result = await run;

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Row 1 (line 2 of rows.csv) failed: its worker process was killed (SIGKILL", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(6, MediaProbeTool.Probe(folder["2.mp4"]).FrameCount);
        ChildProcesses.AssertNoFfmpegWithMarker(marker, TimeSpan.FromSeconds(10));
        Assert.Equal(["2.mp4", "card.csx", "rows.csv"], folder.Files());
    }
}
