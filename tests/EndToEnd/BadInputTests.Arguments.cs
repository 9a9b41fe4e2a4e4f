using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

public sealed partial class BadInputTests
{
    [SkippableTheory]
    [InlineData("""Render(null, "out/c.mp4", fps: 10);""", "Render's clip is null", "Video(\"in.mp4\")")]
    [InlineData("""Render(Text(null).WithDuration(1), "out/c.mp4", fps: 10);""", "Text's text is null", "such as \"Hello\"")]
    [InlineData("""Render(Image(null).WithDuration(1), "out/c.mp4", fps: 10);""", "Image's path is null", "a file path")]
    public async Task A_null_argument_names_the_method_the_parameter_and_the_fix_at_the_script_line(string code, string named, string fix)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");

        var (result, script, output) = await Render(folder, code);

        FailureAssert.Clean(result, folder, output, "bad.csx(1)", named, fix);
        Assert.DoesNotContain("Value cannot be null", result.Stderr);
        Assert.DoesNotContain("(Parameter", result.Stderr);
    }
}
