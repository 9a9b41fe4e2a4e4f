using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

public sealed partial class BadInputTests
{
    [SkippableTheory]
    [InlineData("""Text("hi", font: "dir.ttf").WithDuration(1)""", "not a font file", ".ttf")]
    [InlineData("""Subtitles("dir.ttf", 64, 48)""", "not a subtitle file", ".srt")]
    [InlineData("""Image("dir.ttf").WithDuration(1)""", "not an image file", "PNG or JPEG")]
    [InlineData("""Color(64, 48, "red").WithDuration(1).WithAudio(Audio("dir.ttf"))""", "not an audio file", "audio file")]
    public async Task A_folder_given_as_an_input_file_is_called_a_folder(string clip, string named, string fix)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        Directory.CreateDirectory(folder["dir.ttf"]);

        var (result, _, output) = await Render(folder, $"Render({clip}, Args[\"out\"], fps: 10);");

        FailureAssert.Clean(result, folder, output, "bad.csx(1)", "dir.ttf' is a folder", named, fix);
        Assert.DoesNotContain("does not exist", result.Stderr);
    }
}
