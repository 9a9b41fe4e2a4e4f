using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Subtitles;

namespace ScriptComposer.Tests.TextRendering;

/// <summary>SubRip and WebVTT cues: their times to the millisecond, their text without markup, and errors that name the line.</summary>
public class SubtitleFileTests
{
    [Fact]
    public void SubRip_cues_keep_their_times_and_lines_without_markup()
    {
        const string srt = "\uFEFF1\r\n00:00:01,500 --> 00:00:04,000\r\n<i>Hello</i> there,\r\n{\\an8}<font color=\"red\">world</font> &amp; all\r\n\r\n" +
                           "2\r\n01:02:03,007 --> 01:02:04,250 X1:10 X2:20\r\nSecond\r\n";

        var cues = SubtitleFile.Parse(srt, "talk.srt");

        Assert.Equal([new SubtitleCue(1.5, 4, "Hello there,\nworld & all"), new SubtitleCue(3723.007, 3724.25, "Second")], cues);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_read_as_windows_1252_with_a_warning()
    {
        // "Café déjà vu – “quoted”" as a Windows editor saves it: é, à as Latin-1, the dash and quotes in 1252's own range.
        byte[] text = [.. "1\r\n00:00:00,000 --> 00:00:01,000\r\nCaf"u8, 0xE9, .. " d"u8, 0xE9, (byte)'j', 0xE0, .. " vu "u8, 0x96, (byte)' ', 0x93, .. "quoted"u8, 0x94, .. "\r\n"u8];
        var warnings = new ScriptComposer.Dsl.Scripting.ScriptWarnings();

        IReadOnlyList<SubtitleCue> cues;
        using (ScriptComposer.Dsl.Scripting.ScriptWarnings.Collect(warnings))
            cues = SubtitleFile.Parse(SubtitleFile.Decode(text, "talk.srt"), "talk.srt");

        Assert.Equal("Café déjà vu – “quoted”", Assert.Single(cues).Text);
        Assert.Contains("talk.srt is not UTF-8, so it was read as Windows-1252", Assert.Single(warnings.Messages), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    public void Utf8_and_utf16_with_its_mark_are_read_without_a_warning(string encoding)
    {
        var bytes = System.Text.Encoding.GetEncoding(encoding).GetPreamble().Concat(System.Text.Encoding.GetEncoding(encoding).GetBytes("1\n00:00:00,000 --> 00:00:01,000\nCafé ✓\n")).ToArray();
        var warnings = new ScriptComposer.Dsl.Scripting.ScriptWarnings();

        using (ScriptComposer.Dsl.Scripting.ScriptWarnings.Collect(warnings))
            Assert.Equal("Café ✓", Assert.Single(SubtitleFile.Parse(SubtitleFile.Decode(bytes, "talk.srt"), "talk.srt")).Text);

        Assert.Empty(warnings.Messages);
    }

    [Fact]
    public void WebVtt_headers_notes_identifiers_and_short_times_are_read()
    {
        const string vtt = "WEBVTT - a talk\nKind: captions\n\nNOTE written by hand\nover two lines\n\nSTYLE\n::cue { color: yellow }\n\n" +
                           "intro\n00:01.000 --> 00:02.500 align:start line:0\n<v Roger>Hi\n\n00:00:03.000 --> 00:00:04.000\nBye\n";

        var cues = SubtitleFile.Parse(vtt, "talk.vtt");

        Assert.Equal([new SubtitleCue(1, 2.5, "Hi"), new SubtitleCue(3, 4, "Bye")], cues);
    }

    [Theory]
    [InlineData("1\n00:00:01 --> 00:00:02\nNo milliseconds\n", "talk.srt(2)", "HH:MM:SS,mmm")]
    [InlineData("1\n00:00:05,000 --> 00:00:02,000\nBackwards\n", "talk.srt(2)", "before it starts")]
    [InlineData("1\nJust text\n", "talk.srt(1)", "expected a time line")]
    [InlineData("\n\n", "talk.srt", "no subtitle cues")]
    public void Malformed_files_are_refused_naming_the_line_and_the_form(string text, string where, string complaint)
    {
        var error = Assert.Throws<ScriptComposerException>(() => SubtitleFile.Parse(text, "talk.srt"));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(complaint, error.Message, StringComparison.Ordinal);
    }
}
