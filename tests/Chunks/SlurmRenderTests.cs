using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Chunks;

/// <summary>
/// <c>sc render --slurm</c> on a real one-node cluster (<see cref="SlurmCluster"/>): a 4-chunk render equal to the one-process
/// render, a 3-row batch with a bad row, and a chunk task that fails once and succeeds when Slurm's task tries again.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SlurmRenderTests(SlurmCluster cluster) : IClassFixture<SlurmCluster>
{
    [SkippableFact]
    public async Task Four_chunks_on_the_cluster_are_the_one_process_render()
    {
        ToolRunner.RequireFfmpeg();
        cluster.Require();
        using var folder = new TempFolder("slurm");
        var script = ChunkMedia.Script(folder);

        var whole = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=whole.mkv");
        // '%a' in the name, and so in the work dir beside it: Slurm would read it as the task in the log paths sc gives.
        var slurm = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=slurm 50%a.mkv", "--slurm", "--chunks", "4");

        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.True(slurm.ExitCode == 0, slurm.ToString());
        Assert.Matches(@"Submitted array job \d+ \(4 chunk tasks\) and join job \d+", slurm.Stdout);
        Assert.Contains($"Wrote {folder["slurm 50%a.mkv"]}: 60 frames", slurm.Stdout, StringComparison.Ordinal);
        ChunkMedia.AssertSamePictureAndSound(folder["whole.mkv"], folder["slurm 50%a.mkv"]);
        // The work dir sc made beside the output (job scripts, logs, chunks) is gone once the render succeeded.
        Assert.Equal(["a.mp4", "b.mp4", "comp.csx", "slurm 50%a.mkv", "whole.mkv"], folder.Files());
    }

    [SkippableFact]
    public async Task Three_row_batch_on_the_cluster_writes_the_good_rows_and_reports_the_bad_one()
    {
        ToolRunner.RequireFfmpeg();
        cluster.Require();
        using var folder = new TempFolder("slurm");
        var script = folder.Write("card.csx", BatchRenderTests.Template);
        var rows = folder.Write("rows.csv", "title,color,seconds\nOne,red,0.3\nTwo,green,abc\nThree,blue,0.2\n");

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--batch", rows, "-o", folder["{row}.mp4"], "--slurm", "--retries", "0");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Matches(@"Submitted array job \d+ \(3 chunk tasks\)", result.Stdout);
        Assert.Contains("Rendered 2 of 3 rows", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Row 2 (line 3 of rows.csv) failed", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(folder["1.mp4"]) && File.Exists(folder["3.mp4"]) && !File.Exists(folder["2.mp4"]), string.Join(", ", folder.Files()));
        Assert.Equal(2, MediaProbeTool.Probe(folder["3.mp4"]).FrameCount);
    }

    [SkippableFact]
    public async Task A_chunk_task_that_fails_once_is_tried_again_and_the_retry_is_reported_with_its_log()
    {
        ToolRunner.RequireFfmpeg();
        cluster.Require();
        using var folder = new TempFolder("slurm");
        var script = ChunkMedia.Script(folder, lossless: false);
        var marker = folder["failed-once"];
        Environment.SetEnvironmentVariable("SC_TEST_FAIL_CHUNK", $"1:{marker}");
        ScResult result;
        try
        {
            // sbatch hands the submitting environment to every task, this variable with it.
            result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--slurm", "--chunks", "2", "--work-dir", folder["work"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SC_TEST_FAIL_CHUNK", null);
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(marker));
        var log = Path.Combine(folder["work"], "logs", "chunk-1.out");
        Assert.Contains($"chunk 1/2 failed once and succeeded when tried again; its log: {log}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("failed on purpose", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("attempt 2 of 3", File.ReadAllText(log), StringComparison.Ordinal);
        Assert.Equal(60, ChunkMedia.Frames(folder["out.mkv"]).Count);
    }

    [SkippableFact]
    public async Task No_wait_returns_at_once_and_the_join_job_removes_the_work_dir_sc_made()
    {
        ToolRunner.RequireFfmpeg();
        cluster.Require();
        using var folder = new TempFolder("slurm");
        var script = ChunkMedia.Script(folder, lossless: false);

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--slurm", "--chunks", "2", "--no-wait");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Not waiting (--no-wait)", result.Stdout, StringComparison.Ordinal);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (Directory.GetDirectories(folder.Path, ".out.mkv.*.sc-slurm").Length > 0 || !File.Exists(folder["out.mkv"]))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The join job did not write the output and remove its work dir within 180 s: {string.Join(", ", folder.Files())}");
            await Task.Delay(500);
        }
        Assert.Equal(60, ChunkMedia.Frames(folder["out.mkv"]).Count);
        Assert.Equal(["a.mp4", "b.mp4", "comp.csx", "out.mkv"], folder.Files());
    }

    [SkippableFact]
    public async Task Two_batches_of_one_table_submitted_together_each_write_every_row()
    {
        ToolRunner.RequireFfmpeg();
        cluster.Require();
        using var folder = new TempFolder("slurm");
        var wide = folder.Write("wide.csx", """Render(Color(64, 36, Args["color"]).WithDuration(0.3), "w.mp4", fps: 10, preset: "ultrafast");""");
        var tall = folder.Write("tall.csx", """Render(Color(36, 64, Args["color"]).WithDuration(0.3), "t.mp4", fps: 10, preset: "ultrafast");""");
        var rows = folder.Write("rows.csv", "name,color\none,red\ntwo,green\nthree,blue\n");
        Directory.CreateDirectory(folder["a"]);
        Directory.CreateDirectory(folder["b"]);

        // Before, both used the one work dir named after the table: the second took over the first's, and the first's join removed it under the second's tasks.
        var first = await ScRunner.RunAsync("render", wide, "--backend", "cpu", "--batch", rows, "-o", folder["a/{name}.mp4"], "--slurm", "--no-wait");
        var second = await ScRunner.RunAsync("render", tall, "--backend", "cpu", "--batch", rows, "-o", folder["b/{name}.mp4"], "--slurm", "--no-wait");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (Directory.GetDirectories(folder.Path, ".rows.csv*.sc-slurm").Length > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The join jobs did not end and remove their work dirs within 180 s: {string.Join(", ", folder.Files())}");
            await Task.Delay(500);
        }
        foreach (var name in new[] { "one", "two", "three" })
        {
            Assert.Equal((64, 36), (MediaProbeTool.Probe(folder[$"a/{name}.mp4"]).Width, MediaProbeTool.Probe(folder[$"a/{name}.mp4"]).Height));
            Assert.Equal((36, 64), (MediaProbeTool.Probe(folder[$"b/{name}.mp4"]).Width, MediaProbeTool.Probe(folder[$"b/{name}.mp4"]).Height));
        }
    }
}
