using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// A script's ffmpegArgs are options with their values: a word where an option belongs would be one more ffmpeg output,
/// written over any file of that name outside sc's checks, and is refused at the Render line.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ExtraFfmpegArgumentsTests
{
    [Theory]
    [InlineData("-tune film")]
    [InlineData("-an -movflags +faststart -y")]
    [InlineData("-x264-params keyint=48:min-keyint=48 -b:v -1")]
    [InlineData("-metadata title=in.mp4 -shortest")]
    [InlineData("")]
    public void Options_with_their_values_pass(string arguments) => ExtraFfmpegArguments.Check(Words(arguments));

    [Theory]
    [InlineData("-y in.mp4", "in.mp4")]
    [InlineData("/tmp/elsewhere.mp4", "/tmp/elsewhere.mp4")]
    [InlineData("-tune film copy.mkv", "copy.mkv")]
    [InlineData("-an:v x.mp4", "x.mp4")]
    public void A_word_where_an_option_belongs_is_refused(string arguments, string word)
    {
        var error = Assert.Throws<ScriptComposerException>(() => ExtraFfmpegArguments.Check(Words(arguments)));
        Assert.Contains($"ffmpegArgs holds '{word}' where an option belongs", error.Message, StringComparison.Ordinal);
    }

    private static string[] Words(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [SkippableFact]
    public async Task An_input_named_in_ffmpegArgs_is_not_overwritten()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("ffmpeg-args");
        var input = TestMedia.SolidColor(folder, "in.mp4", "blue", 64, 48, 1);
        var before = File.ReadAllBytes(input);

        var (result, script) = await ScRunner.RenderScriptAsync(folder, "args.csx", """
            Render(Video("in.mp4").Subclip(0, 0.5), "out.mp4", fps: 10, ffmpegArgs: new[] { "-y", "in.mp4" });
            """);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{script}(1): error: ffmpegArgs holds 'in.mp4' where an option belongs", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.False(File.Exists(folder["out.mp4"]));
    }
}
