using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>
/// An output in a folder sc cannot write in: a message naming the output (not its hidden temporary name) and what to do,
/// before any frame is made. The folder is a read-only tmpfs: the tests run as root, whom a folder's mode (0555) does not stop.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReadOnlyFolderTests
{
    [SkippableTheory]
    [InlineData("out.mp4")]
    [InlineData("f_%03d.png")]
    public async Task A_video_or_picture_sequence_in_a_read_only_folder_names_the_output_and_the_fix(string name)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("readonly");
        using var disk = SmallDisk.Mount(folder, "ro", "64k", readOnly: true);
        var output = Path.Combine(disk.Path, name);

        var (result, script) = await ScRunner.RenderScriptAsync(folder, "ro.csx", """Render(Color(64, 48, "red").WithDuration(0.3), "unused.mp4", fps: 10);""", "-o", output);

        Assert.Equal(1, result.ExitCode);
        FailureAssert.Clean(result, folder, output, $"{script}(1): error: '{output}' could not be written", $"its folder '{disk.Path}'", "Read-only file system", "Make the folder writable");
        Assert.DoesNotContain(".partial", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(disk.Path));
    }

    [SkippableTheory]
    [InlineData("frame")]
    [InlineData("sound")]
    public async Task A_frame_or_a_sound_in_a_read_only_folder_names_the_output_and_the_fix(string what)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("readonly");
        using var disk = SmallDisk.Mount(folder, "ro", "64k", readOnly: true);
        var output = Path.Combine(disk.Path, what == "frame" ? "still.png" : "tone.wav");
        var script = folder.Write("ro.csx", $$"""
            var scene = Color(64, 48, "red").WithDuration(1);
            {{(what == "frame" ? "Render(scene, \"unused.mp4\", fps: 10);" : "RenderAudio(Tone(440, 1), Args[\"out\"]);")}}
            """);

        var result = what == "frame"
            ? await ScRunner.RunAsync("frame", script, "--at", "0.5", "-o", output)
            : await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", $"out={output}");

        Assert.Equal(1, result.ExitCode);
        FailureAssert.Clean(result, folder, output, $"'{output}' could not be written", $"its folder '{disk.Path}'", "Make the folder writable");
        Assert.DoesNotContain(".partial", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(disk.Path));
    }
}
