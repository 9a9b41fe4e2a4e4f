using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>
/// An output with alpha shows the clip's own mask and opacity when the clip is itself the output, exactly as the same
/// clip laid in a transparent composite does.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OwnAlphaTests
{
    /// <summary>A red clip whose mask is 50 % grey on the left half and white on the right, and the same clip at 0.5 opacity.</summary>
    private const string Clips = """
        var mask = Composite(64, 32, [Color(32, 32, "#808080"), Color(32, 32, "white").At(32, 0)], "black").WithDuration(1);
        var masked = Color(64, 32, "red").WithDuration(1).WithMask(mask);
        var faint = Color(64, 32, "red").WithDuration(1).Opacity(0.5);
        var appearing = Color(64, 32, "red").WithDuration(1).CrossFadeIn(1);

        """;

    [SkippableFact]
    public async Task SaveFrame_carries_the_clips_own_mask_and_opacity()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("own-alpha");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "frames.csx", Clips + """
            SaveFrame(masked, 0.5, "masked.png");
            SaveFrame(faint, 0.5, "faint.png");
            SaveFrame(appearing, 0.25, "appearing.png");
            SaveFrame(Composite(64, 32, masked).WithDuration(1), 0.5, "composited.png");
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        var masked = RgbaImage.LoadPng(folder["masked.png"]);
        var composited = RgbaImage.LoadPng(folder["composited.png"]);
        foreach (var x in new[] { 8, 48 })
            Assert.Equal(composited[x, 16], masked[x, 16]);
        Assert.InRange(masked[8, 16].A, 127, 129);
        Assert.Equal(255, masked[48, 16].A);
        Assert.InRange(RgbaImage.LoadPng(folder["faint.png"])[8, 16].A, 127, 128);
        Assert.InRange(RgbaImage.LoadPng(folder["appearing.png"])[8, 16].A, 63, 65);
    }

    [SkippableTheory]
    [InlineData("masked.mov")]
    [InlineData("seq/m_%02d.png")]
    public async Task Alpha_videos_carry_the_clips_own_mask(string file)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("own-alpha");
        Directory.CreateDirectory(folder["seq"]);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "video.csx", Clips + $"Render(masked, \"{file}\", alpha: true, fps: 5);");
        Assert.True(result.ExitCode == 0, result.ToString());

        var path = file.Contains('%') ? folder["seq/m_02.png"] : folder[file];
        var decoded = ToolRunner.Run("ffmpeg", ["-v", "error", "-nostdin", "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgba", "-"]);
        Assert.True(decoded.ExitCode == 0, decoded.Stderr);
        int Alpha(int x, int y) => decoded.Stdout[(y * 64 + x) * 4 + 3];
        Assert.InRange(Alpha(8, 16), 126, 130);
        Assert.InRange(Alpha(48, 16), 253, 255);
    }
}
