using ScriptComposer.Dsl;
using ScriptComposer.Tests.Dsl;
using ScriptComposer.Tests.Support;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.TextRendering;

/// <summary><c>Subtitles(...)</c>: each cue's caption at the bottom center for its time, nothing between cues, and clear errors.</summary>
public sealed class SubtitlesClipTests : IDisposable
{
    private readonly TempFolder _folder = new("subtitles");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Each_cue_shows_at_the_bottom_center_for_its_time_and_nothing_between()
    {
        var path = _folder.Write("talk.srt", "1\n00:00:00,500 --> 00:00:01,000\nFirst line\n\n2\n00:00:02,000 --> 00:00:03,000\nSecond\n");

        var track = Subtitles(path, 320, 180, size: 24, bottom: 10);

        Assert.Equal((320, 180, 3.0), (track.Width, track.Height, track.Duration));
        var during = CpuRender.At(track, 0.75);
        var (left, top, right, bottom) = InkBounds(during)!.Value;
        // The caption's box ends 10 px above the bottom; the ink ends above it by the font's descent (no descenders here) and margin.
        Assert.InRange(bottom, 180 - 10 - 12, 180 - 10);
        Assert.InRange(top, 180 - 10 - 40, 180 - 10 - 10);
        Assert.InRange((left + right) / 2.0, 160 - 4, 160 + 4);
        Assert.Null(InkBounds(CpuRender.At(track, 1.5)));
        Assert.NotNull(InkBounds(CpuRender.At(track, 2.5)));
    }

    [Fact]
    public void A_missing_file_and_a_cue_too_tall_for_the_frame_are_named()
    {
        var missing = Assert.Throws<ScriptComposerException>(() => Subtitles(_folder["nope.srt"], 320, 180));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);

        var path = _folder.Write("long.srt", "1\n00:00:00,000 --> 00:00:01,000\none\ntwo\nthree\nfour\nfive\nsix\n");
        var tall = Assert.Throws<ScriptComposerException>(() => Subtitles(path, 320, 120, size: 30));
        Assert.Contains("smaller size", tall.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bottom_gap_outside_the_frame_and_a_file_of_empty_cues_are_refused()
    {
        var path = _folder.Write("talk.srt", "1\n00:00:00,000 --> 00:00:01,000\nHello\n");
        var gap = Assert.Throws<ArgumentOutOfRangeException>(() => Subtitles(path, 320, 180, bottom: 180));
        Assert.Contains("bottom is the gap", gap.Message, StringComparison.Ordinal);

        var empty = _folder.Write("empty.srt", "1\n00:00:00,000 --> 00:00:01,000\n<i></i>\n");
        var error = Assert.Throws<ScriptComposerException>(() => Subtitles(empty, 320, 180));
        Assert.Contains("no text", error.Message, StringComparison.Ordinal);
    }

    private static (int Left, int Top, int Right, int Bottom)? InkBounds(CpuRender frame)
    {
        int left = int.MaxValue, top = int.MaxValue, right = -1, bottom = -1;
        for (var y = 0; y < frame.Height; y++)
            for (var x = 0; x < frame.Width; x++)
                if (frame[x, y].A > 0)
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
        return right < 0 ? null : (left, top, right, bottom);
    }
}
