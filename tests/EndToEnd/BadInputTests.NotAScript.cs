using System.Text;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// What is given where the script goes and is no script: a video or picture (by its name or its bytes) is refused in one line naming
/// it, instead of compiled into hundreds of C# errors, and an empty path is refused in sc's words, not .NET's ArgumentException.
/// </summary>
public sealed partial class BadInputTests
{
    [SkippableTheory]
    [InlineData("render")]
    [InlineData("bench")]
    [InlineData("check")]
    [InlineData("frame")]
    public async Task A_video_given_as_the_script_is_refused_naming_it(string command)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var video = TestMedia.TestSrc2(folder["v.mp4"], 64, 48, seconds: 1);

        var result = await ScRunner.RunAsync(Arguments(command, video, folder));

        FailureAssert.Clean(result, folder, null, $"'{video}' is a media file, not a C# script", "Render(Video(\"v.mp4\"), \"out.mp4\")");
        Assert.DoesNotContain("CS1056", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("not a C# script", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Binary_data_under_a_script_name_is_refused_as_not_a_script()
    {
        using var folder = new TempFolder("bad");
        var bytes = Encoding.UTF8.GetBytes("Render(Color(2, 2, \"red\"), \"out.mp4\");\n").Concat(new byte[] { 0, 1, 2, 0, 255 }).ToArray();
        var script = folder["blob.csx"];
        File.WriteAllBytes(script, bytes);

        var result = await ScRunner.RunAsync("check", script);

        FailureAssert.Clean(result, folder, null, $"'{script}' is binary data, not a C# script");
        Assert.DoesNotContain("CS1056", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_saved_as_utf16_is_still_a_script()
    {
        using var folder = new TempFolder("bad");
        var script = folder["wide.csx"];
        File.WriteAllText(script, "var answer = 6 * 7;\n", Encoding.Unicode);

        var result = await ScRunner.RunAsync("check", script, "--compile-only");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Theory]
    [InlineData("render")]
    [InlineData("bench")]
    [InlineData("check")]
    [InlineData("frame")]
    [InlineData("watch")]
    public async Task An_empty_script_path_is_refused_in_one_line(string command)
    {
        using var folder = new TempFolder("bad");

        var result = await ScRunner.RunAsync(Arguments(command, "", folder));

        FailureAssert.Clean(result, folder, null, "The script path is empty. Give the path of a .csx script, such as scripts/hello.csx.");
        Assert.DoesNotContain("ArgumentException", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter 'path'", result.Stderr, StringComparison.Ordinal);
    }

    private static string[] Arguments(string command, string script, TempFolder folder) => command switch
    {
        "frame" => ["frame", script, "--at", "0", "-o", folder["f.png"], "--backend", "cpu"],
        "check" or "watch" => [command, script],
        _ => [command, script, "--backend", "cpu"],
    };
}
