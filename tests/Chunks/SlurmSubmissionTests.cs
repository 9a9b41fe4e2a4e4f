using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Chunks;

/// <summary>
/// <c>sc render --slurm</c> where no cluster is needed to tell: a work dir Slurm would misread is refused, and a submission
/// the cluster refuses leaves nothing behind (a stand-in sbatch first on PATH refuses it).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SlurmSubmissionTests
{
    [SkippableFact]
    public async Task A_work_dir_with_a_backslash_is_refused_before_anything_is_submitted_or_made()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("slurmsub");
        var script = folder.Write("s.csx", """Render(Color(32, 24, "red").WithDuration(0.5), "out.mp4", fps: 10, preset: "ultrafast");""");

        var result = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--slurm", "--chunks", "2", "--work-dir", folder["w\\bs"]);

        FailureAssert.Clean(result, folder, folder["out.mp4"], "backslash", "--work-dir");
        Assert.False(Directory.Exists(folder["w\\bs"]));
    }

    [SkippableFact]
    public void A_submission_the_cluster_refuses_ends_with_its_words_and_leaves_no_work_dir()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Puts a shell script named sbatch first on PATH.");
        using var folder = new TempFolder("slurmsub");
        var script = folder.Write("s.csx", """Render(Color(32, 24, "red").WithDuration(0.5), "out.mp4", fps: 10, preset: "ultrafast");""");
        Directory.CreateDirectory(folder["bin"]);
        var sbatch = folder.Write("bin/sbatch", "#!/bin/sh\necho 'sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)' >&2\nexit 1\n");
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(sbatch, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu", "--slurm", "--chunks", "2"],
            new Dictionary<string, string?> { ["PATH"] = folder["bin"] + ":" + Environment.GetEnvironmentVariable("PATH") });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unable to contact slurm controller", result.Stderr, StringComparison.Ordinal);
        FailureAssert.NoStackTrace(result);
        Assert.Equal(["bin/sbatch", "s.csx"], folder.Files());
        Assert.Empty(Directory.GetDirectories(folder.Path, "*.sc-slurm"));
    }

    [SkippableFact]
    public void The_script_s_files_in_the_work_dir_s_logs_folder_are_kept()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Puts a shell script named sbatch first on PATH.");
        using var folder = new TempFolder("slurmsub");
        Directory.CreateDirectory(folder["logs"]);
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "color=c=white:s=8x8", "-frames:v", "1", folder["logs/logo.png"]);
        var logo = File.ReadAllBytes(folder["logs/logo.png"]);
        var notes = folder.Write("logs/notes.txt", "mine");
        var script = folder.Write("s.csx", """Render(Composite(32, 24, Color(32, 24, "red"), Image("logs/logo.png")).WithDuration(0.5), "out.mp4", fps: 10, preset: "ultrafast");""");

        // --work-dir . where the script keeps its media under logs/: before, every file there was deleted before sbatch ran.
        var result = SubmitRefused(["render", script, "--backend", "cpu", "--slurm", "--chunks", "2", "--work-dir", folder.Path]);

        Assert.Contains("Unable to contact slurm controller", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(logo, File.ReadAllBytes(folder["logs/logo.png"]));
        Assert.Equal("mine", File.ReadAllText(notes));
    }

    [SkippableFact]
    public void A_job_script_of_the_user_s_in_a_folder_sc_has_not_used_is_refused_and_kept()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Puts a shell script named sbatch first on PATH.");
        using var folder = new TempFolder("slurmsub");
        var script = folder.Write("s.csx", """Render(Color(32, 24, "red").WithDuration(0.5), "out.mp4", fps: 10, preset: "ultrafast");""");
        Directory.CreateDirectory(folder["work/slurm"]);
        var mine = folder.Write("work/slurm/chunk.sh", "#!/bin/sh\necho my own job\n");

        var result = SubmitRefused(["render", script, "--backend", "cpu", "--slurm", "--chunks", "2", "--work-dir", folder["work"]]);

        FailureAssert.Clean(result, folder, folder["out.mp4"], mine, "sc did not write", "--work-dir");
        Assert.DoesNotContain("Unable to contact", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("#!/bin/sh\necho my own job\n", File.ReadAllText(mine));
    }

    [SkippableFact]
    public void A_log_name_that_leads_to_an_input_of_the_script_is_refused_even_in_a_work_dir_of_sc_s()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Puts a shell script named sbatch first on PATH.");
        using var folder = new TempFolder("slurmsub");
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "color=c=white:s=8x8", "-frames:v", "1", folder["logo.png"]);
        var logo = File.ReadAllBytes(folder["logo.png"]);
        var script = folder.Write("s.csx", """Render(Composite(32, 24, Color(32, 24, "red"), Image("logo.png")).WithDuration(0.5), "out.mp4", fps: 10, preset: "ultrafast");""");
        string[] render = ["render", script, "--backend", "cpu", "--slurm", "--chunks", "2", "--work-dir", folder["work"]];
        Assert.Contains("Unable to contact", SubmitRefused(render).Stderr, StringComparison.Ordinal);
        // Slurm would write the task's log through the link, into the script's picture.
        File.CreateSymbolicLink(folder["work/logs/chunk-0.out"], folder["logo.png"]);

        var result = SubmitRefused(render);

        FailureAssert.Clean(result, folder, folder["out.mp4"], "chunk-0.out", "input of the script", "--work-dir");
        Assert.Equal(logo, File.ReadAllBytes(folder["logo.png"]));
    }

    [SkippableFact]
    public void A_render_submitted_into_a_work_dir_whose_jobs_are_still_queued_is_refused()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Puts shell scripts named sbatch and squeue first on PATH.");
        using var folder = new TempFolder("slurmsub");
        var script = folder.Write("s.csx", """Render(Color(32, 24, "red").WithDuration(0.5), "out.mp4", fps: 10, preset: "ultrafast");""");
        // A cluster that takes every job and keeps it queued.
        var cluster = new Dictionary<string, string>
        {
            ["sbatch"] = "#!/bin/sh\necho 4242\n",
            ["squeue"] = "#!/bin/sh\necho '4242_0 PENDING'\n",
        };
        string[] render = ["render", script, "--backend", "cpu", "--slurm", "--chunks", "2", "--no-wait"];
        var first = RunWithStandIns(cluster, render);
        Assert.True(first.ExitCode == 0, first.ToString());
        var workDir = Assert.Single(Directory.GetDirectories(folder.Path, ".out.mp4*.sc-slurm"));
        var chunkScript = File.ReadAllText(Path.Combine(workDir, "slurm", "chunk.sh"));

        var again = RunWithStandIns(cluster, [.. render, "--set", "x=1"]);

        FailureAssert.Clean(again, folder, folder["out.mp4"], "still queued or running", "4242", "scancel 4242 4242", "--work-dir");
        Assert.Equal(chunkScript, File.ReadAllText(Path.Combine(workDir, "slurm", "chunk.sh")));
    }

    /// <summary>Runs sc with a stand-in sbatch first on PATH that refuses every submission.</summary>
    private static ScResult SubmitRefused(string[] args)
    {
        var result = RunWithStandIns(new Dictionary<string, string>
        {
            ["sbatch"] = "#!/bin/sh\necho 'sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure)' >&2\nexit 1\n",
        }, args);
        Assert.True(result.ExitCode != 0, result.ToString());
        return result;
    }

    /// <summary>Runs sc with stand-ins for Slurm's commands (name to shell script) first on PATH.</summary>
    private static ScResult RunWithStandIns(IReadOnlyDictionary<string, string> tools, string[] args)
    {
        var bin = Path.Combine(Path.GetTempPath(), $"sc-slurm-bin-{Guid.NewGuid():N}");
        Directory.CreateDirectory(bin);
        try
        {
            foreach (var (name, text) in tools)
            {
                var tool = Path.Combine(bin, name);
                File.WriteAllText(tool, text);
                if (OperatingSystem.IsLinux())
                    File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            return ScRunner.RunProcess(args, new Dictionary<string, string?> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") });
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }
}
