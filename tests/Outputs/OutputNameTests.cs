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

    [Theory]
    [InlineData("f_%d.png", true, "f_%01d.png", true, "f_0.png")]
    [InlineData("f_%04d.png", true, "f_0001.png", false, "f_0001.png")]
    [InlineData("f_%04d.png", true, "f_%03d.png", true, "f_1000.png")]
    [InlineData("f_%04d.png", true, "f_123.png", false, null)]
    [InlineData("f_%04d.png", true, "f_00123.png", false, null)]
    [InlineData("f_%d.png", true, "f_01.png", false, null)]
    [InlineData("f_%04d.png", true, "f_%04d.jpg", true, null)]
    [InlineData("a%d.png", true, "a1%d.png", true, "a10.png")]
    [InlineData("1%d.png", true, "%d1.png", true, "11.png")]
    [InlineData("100%%_%02d.png", true, "100%_07.png", false, "100%_07.png")]
    [InlineData("x.mp4", false, "x.mp4", false, "x.mp4")]
    [InlineData("x%d.mp4", false, "x1.mp4", false, null)]
    public void Two_outputs_share_a_name_when_some_number_gives_both(string a, bool aIsPattern, string b, bool bIsPattern, string? shared)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sc-names-never-made", "out");
        var found = OutputNames.Shared(Path.Combine(folder, a), aIsPattern, Path.Combine(folder, b), bIsPattern);

        Assert.Equal(shared is null ? null : Path.Combine(folder, shared), found);
        Assert.Equal(found, OutputNames.Shared(Path.Combine(folder, b), bIsPattern, Path.Combine(folder, a), aIsPattern));
        if (found is not null)
        {
            foreach (var (name, isPattern) in new[] { (a, aIsPattern), (b, bIsPattern) })
            {
                var match = isPattern ? OutputFile.SequenceMatcher(name).Match(shared!) : null;
                Assert.True(isPattern
                    ? match!.Success && OutputFile.SequenceFileName(name, long.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture)) == shared
                    : name == shared, $"'{name}' does not give '{shared}'");
            }
        }
    }

    [Fact]
    public void Outputs_in_different_folders_share_no_name() =>
        Assert.Null(OutputNames.Shared(Path.Combine(Path.GetTempPath(), "a", "f_%d.png"), true, Path.Combine(Path.GetTempPath(), "b", "f_%d.png"), true));
}
