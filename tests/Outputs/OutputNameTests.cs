using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Tests.Outputs;

/// <summary>Which output names are picture sequences, and the names their pictures get.</summary>
public sealed class OutputNameTests
{
    [Theory]
    [InlineData("frames/f_%04d.png", OutputKind.ImageSequence)]
    [InlineData("frames/f_%d.jpg", OutputKind.ImageSequence)]
    [InlineData("f_%3d.JPEG", OutputKind.ImageSequence)]
    [InlineData("100%%_%04d.png", OutputKind.ImageSequence)]
    [InlineData("50%done.mp4", OutputKind.Video)]
    [InlineData("f_%04d.mp4", OutputKind.Video)]
    [InlineData("f_%04d.mkv", OutputKind.Video)]
    [InlineData("a%d.gif", OutputKind.Gif)]
    [InlineData("100%.gif", OutputKind.Gif)]
    [InlineData("x%s.png", OutputKind.Video)]
    [InlineData("a%d_%d.png", OutputKind.Video)]
    [InlineData("50%.png", OutputKind.Video)]
    public void Only_a_picture_name_with_one_number_pattern_is_a_sequence(string name, OutputKind kind) =>
        Assert.Equal(kind, OutputFormats.KindOf(name));

    [Theory]
    [InlineData("f_%04d.png", 7, "f_0007.png")]
    [InlineData("f_%04d.png", 12345, "f_12345.png")]
    [InlineData("f_%d.png", 0, "f_0.png")]
    [InlineData("f_%3d.png", 5, "f_005.png")]
    [InlineData("100%%_%02d.jpg", 3, "100%_03.jpg")]
    public void Picture_names_follow_ffmpegs_numbering(string pattern, long number, string name)
    {
        Assert.Equal(name, OutputFile.SequenceFileName(pattern, number));
        var match = OutputFile.SequenceMatcher(pattern).Match(name);
        Assert.True(match.Success);
        Assert.Equal(number, long.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
