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
        Assert.False(Directory.Exists(folder[".out.mp4.sc-slurm"]));
    }
}
