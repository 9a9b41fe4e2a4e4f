using System.Diagnostics;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>
/// What a render killed outright (SIGKILL, a power cut) leaves, its temporary output and its socket folder, is removed by
/// the next render of the same output, and only once its process is gone: a render still running keeps its files.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LeftoverTests
{
    private static string Host => TemporaryOwner.NewTag().Split('-')[0];

    [SkippableFact]
    public async Task A_render_removes_the_temporary_files_of_its_output_whose_process_is_gone()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Starts sleep(1) as a running process.");
        using var folder = new TempFolder("leftover");
        var dead = SocketTransportTests.DeadProcessId();
        using var alive = Process.Start("sleep", "60");
        try
        {
            var deadFile = folder.Write($".out.partial-{Host}-{dead}-0123abcd.mp4", "killed");
            // The sound a render without a socket for its frames mixes into a file first.
            var deadSound = folder.Write($".out.partial-{Host}-{dead}-0123abcd.f32", "killed");
            var deadPictures = Directory.CreateDirectory(folder[$".f_03d.partial-{Host}-{dead}-0123abcd"]).FullName;
            File.WriteAllText(Path.Combine(deadPictures, "f_000.png"), "killed");
            var running = folder.Write($".out.partial-{Host}-{alive.Id}-0123abcd.mp4", "running");
            var otherMachine = folder.Write($".out.partial-elsewhere-{dead}-0123abcd.mp4", "elsewhere");
            var otherOutput = folder.Write($".other.partial-{Host}-{dead}-0123abcd.mp4", "another output");

            var (result, _) = await ScRunner.RenderScriptAsync(folder, "out.csx", """
                var clip = Color(32, 32, "red").WithDuration(0.2);
                Render(clip, "out.mp4", preset: "ultrafast");
                Render(clip, "f_%03d.png");
                """);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.False(File.Exists(deadFile), "the temporary file of a render that is gone is still there");
            Assert.False(File.Exists(deadSound), "the temporary sound file of a render that is gone is still there");
            Assert.False(Directory.Exists(deadPictures), "the picture folder of a render that is gone is still there");
            Assert.True(File.Exists(running), "the temporary file of a running render was removed");
            Assert.True(File.Exists(otherMachine), "the temporary file of another machine's render was removed");
            Assert.True(File.Exists(otherOutput), "the temporary file of another output was removed");
        }
        finally
        {
            alive.Kill();
        }
    }

    [SkippableFact]
    public void A_render_killed_outright_leaves_files_that_the_next_render_of_its_output_removes()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Kills sc with SIGKILL.");
        using var folder = new TempFolder("leftover");
        var script = folder.Write("long.csx", """Render(Color(640, 360, "red").WithDuration(Args.Get("d", 1800.0)), "long.mp4", preset: "ultrafast");""");
        var marker = Guid.NewGuid().ToString("N");
        var environment = new Dictionary<string, string?> { [ChildProcesses.MarkerVariable] = marker };
        int killed;
        using (var sc = ScRunner.Start(["render", script, "--backend", "cpu"], environment))
        {
            killed = sc.Id;
            try
            {
                WaitFor.WrittenFileAsync(folder.Path, f => f.Name.StartsWith(".long.partial-", StringComparison.Ordinal), TimeSpan.FromSeconds(60), sc.WaitForExitAsync(),
                    () => sc.HasExited ? $"sc ended before it could be killed: exit code {sc.ExitCode}" : "sc is still running").GetAwaiter().GetResult();
            }
            finally
            {
                // SIGKILL to sc alone: nothing of sc runs to clean up; its ffmpeg sees the socket close and ends by itself.
                sc.Kill(entireProcessTree: false);
                sc.WaitForExit();
            }
        }
        // The orphaned ffmpeg ends once it sees its socket close.
        ChildProcesses.AssertNoFfmpegWithMarker(marker, TimeSpan.FromSeconds(30));
        Assert.NotEmpty(Partials(folder));
        Assert.NotEmpty(SocketFolders(killed));

        var next = ScRunner.RunProcess(["render", script, "--backend", "cpu", "--set", "d=0.2"], environment);

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Empty(Partials(folder));
        Assert.Empty(SocketFolders(killed));
        Assert.Equal(["long.csx", "long.mp4"], folder.Files());
    }

    private static List<string> Partials(TempFolder folder) =>
        Directory.GetFiles(folder.Path, ".long.partial-*").ToList();

    private static List<string> SocketFolders(int pid) =>
        Directory.GetDirectories(Path.GetTempPath(), $"sc-run-{Host}-{pid}-*").ToList();
}
