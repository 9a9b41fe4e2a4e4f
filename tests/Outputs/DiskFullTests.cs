using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>
/// Outputs written to a disk that fills up: a non-zero exit, a message that says the output could not be written whole
/// and what to do, the previous output untouched, no temporary file left, and no "Wrote" line. Each test mounts its own
/// small tmpfs (as root; it skips otherwise) and unmounts it in all cases.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DiskFullTests
{
    private const string Previous = "the previous output\n";

    [SkippableFact]
    public async Task A_video_whose_trailer_does_not_fit_fails_and_leaves_the_previous_output()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("full");
        using var disk = SmallDisk.Mount(folder, "disk", "64k");
        // 5000 tiny frames fit, but the index ffmpeg writes at the end (and moves to the front) does not: ffmpeg 5.1 says
        // "Error writing trailer ... No space left on device" and still exits with 0.
        var output = Path.Combine(disk.Path, "out.mp4");
        File.WriteAllText(output, Previous);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "full.csx", $$"""
            Render(Color(16, 16, "red").WithDuration(50), "{{output}}", fps: 100, preset: "ultrafast");
            """);

        AssertFailedWhole(result, disk, output);
    }

    [SkippableTheory]
    [InlineData("out.gif", """Render(Frames(64, 64, 1, (t, px) => new Random((int)(t * 1000)).NextBytes(px)), OUT, fps: 25);""")]
    [InlineData("f_%03d.png", """Render(Frames(64, 64, 1, (t, px) => new Random((int)(t * 1000)).NextBytes(px)), OUT, fps: 25);""")]
    [InlineData("out.mkv", """Render(Frames(64, 64, 1, (t, px) => new Random((int)(t * 1000)).NextBytes(px)), OUT, fps: 25, codec: "ffv1", pixelFormat: "yuv444p");""")]
    [InlineData("tone.wav", """RenderAudio(Tone(440, 5), OUT);""")]
    [InlineData("frame.png", """SaveFrame(Frames(256, 256, 1, (t, px) => new Random(3).NextBytes(px)), 0.5, OUT);""")]
    public async Task Every_kind_of_output_that_fills_the_disk_fails_cleanly(string name, string render)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("full");
        using var disk = SmallDisk.Mount(folder, "disk", "64k");
        var output = Path.Combine(disk.Path, name);
        var previous = name.Contains('%') ? Path.Combine(disk.Path, "f_000.png") : output;
        File.WriteAllText(previous, Previous);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "full.csx", render.Replace("OUT", $"\"{output}\"", StringComparison.Ordinal));

        AssertFailedWhole(result, disk, previous);
    }

    [SkippableFact]
    public async Task Sc_frame_on_a_full_disk_fails_cleanly()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("full");
        using var disk = SmallDisk.Mount(folder, "disk", "64k");
        var output = Path.Combine(disk.Path, "frame.png");
        File.WriteAllText(output, Previous);
        var script = folder.Write("frame.csx", """Render(Frames(256, 256, 1, (t, px) => new Random(3).NextBytes(px)), "unused.mp4");""");

        var result = await ScRunner.RunAsync("frame", script, "--at", "0.5", "-o", output, "--backend", "cpu");

        AssertFailedWhole(result, disk, output);
    }

    private static void AssertFailedWhole(ScResult result, SmallDisk disk, string previous)
    {
        Assert.True(result.ExitCode != 0, $"A render that ran out of space must fail.\n{result}");
        Assert.DoesNotContain("Wrote", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("could not be written whole", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("free some space", result.Stderr, StringComparison.OrdinalIgnoreCase);
        FailureAssert.NoStackTrace(result);
        Assert.Equal(Previous, File.ReadAllText(previous));
        var left = Directory.GetFileSystemEntries(disk.Path).Select(Path.GetFileName).Where(n => n != Path.GetFileName(previous)).ToList();
        Assert.True(left.Count == 0, $"A failed render left {string.Join(", ", left)} on the disk.\n{result}");
        ChildProcesses.AssertNoFfmpegChild(disk.Path);
    }
}
