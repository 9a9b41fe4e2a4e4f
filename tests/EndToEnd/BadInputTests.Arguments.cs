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

    [SkippableTheory]
    [InlineData("render", "")]
    [InlineData("render", "// only a comment\n\n   \n")]
    [InlineData("check", "/* a block comment */\n")]
    [InlineData("frame", "")]
    public async Task A_script_with_no_code_says_how_to_declare_an_output(string command, string code)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("bad.csx", code);

        var result = await ScRunner.RunAsync(command switch
        {
            "check" => ["check", script],
            "frame" => ["frame", script, "--at", "0", "-o", folder["f.png"], "--backend", "cpu"],
            _ => [command, script, "--backend", "cpu"],
        });

        FailureAssert.Clean(result, folder, null, "bad.csx has no code", "declares no output", "Render(clip");
        Assert.DoesNotContain("0 error(s)", result.Stderr);
    }
}
