using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ScriptComposer.Dsl.Subtitles;

/// <summary>
/// Reads SubRip (.srt) and WebVTT (.vtt) subtitles: blocks of an optional number or identifier, a
/// <c>00:00:01,500 --&gt; 00:00:04,000</c> line (a comma or a dot before the milliseconds; WebVTT may leave out the hours and
/// add cue settings after it), and the text lines. Markup (<c>&lt;i&gt;</c>, <c>&lt;font …&gt;</c>, <c>{\an8}</c>) is removed;
/// WebVTT headers, NOTE, STYLE and REGION blocks are skipped. A malformed time names its file and line.
/// </summary>
public static partial class SubtitleFile
{
    public static IReadOnlyList<SubtitleCue> Read(string path)
    {
        Media.InputFile.Require(path, "subtitle", "Give the path of a SubRip (.srt) or WebVTT (.vtt) file.");
        return Parse(Decode(File.ReadAllBytes(path), path), path);
    }

    /// <summary>
    /// The text of a subtitle file: UTF-8 (or UTF-16 with its byte order mark), else Windows-1252, in which most subtitles that
    /// are not UTF-8 were saved (Latin-1 included), with a warning to say so.
    /// </summary>
    internal static string Decode(byte[] bytes, string name)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true).ReadToEnd();
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Scripting.ScriptWarnings.Note(
                $"{name} is not UTF-8, so it was read as Windows-1252 (Western European). If its letters look wrong, save it as UTF-8.");
            return WindowsWestern.GetString(bytes);
        }
    }

    private static readonly Encoding WindowsWestern = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>The cues of <paramref name="text"/>; <paramref name="name"/> is the file named in errors.</summary>
    public static IReadOnlyList<SubtitleCue> Parse(string text, string name)
    {
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var cues = new List<SubtitleCue>();
        var i = 0;
        if (lines.Length > 0 && lines[0].StartsWith("WEBVTT", StringComparison.Ordinal))
            i = SkipBlock(lines, 0);
        while (i < lines.Length)
        {
            if (lines[i].Trim().Length == 0)
            {
                i++;
                continue;
            }
            if (Regex.IsMatch(lines[i], @"^(NOTE|STYLE|REGION)(\s|$)"))
            {
                i = SkipBlock(lines, i);
                continue;
            }
            // The number (SubRip) or identifier (WebVTT) before the time line is optional.
            var timing = lines[i].Contains("-->", StringComparison.Ordinal) ? i : i + 1;
            if (timing >= lines.Length || !lines[timing].Contains("-->", StringComparison.Ordinal))
                throw new ScriptComposerException(
                    $"{name}({i + 1}): expected a time line such as '00:00:01,500 --> 00:00:04,000' {(timing == i ? "" : "after the cue number ")}but found '{Shorten(lines[timing < lines.Length ? timing : i])}'. Subtitle cues are separated by blank lines.");
            var (start, end) = Times(lines[timing], name, timing + 1);
            var body = new List<string>();
            for (i = timing + 1; i < lines.Length && lines[i].Trim().Length > 0; i++)
                body.Add(Plain(lines[i]));
            cues.Add(new SubtitleCue(start, end, string.Join('\n', body.Where(l => l.Length > 0))));
        }
        if (cues.Count == 0)
            throw new ScriptComposerException($"{name} has no subtitle cues. Write cues as a time line ('00:00:01,500 --> 00:00:04,000') followed by text lines.");
        return cues;
    }

    private static (double Start, double End) Times(string line, string name, int number)
    {
        var match = TimeLine().Match(line);
        if (!match.Success)
            throw new ScriptComposerException(
                $"{name}({number}): '{Shorten(line)}' is not a subtitle time line. Write it as 'HH:MM:SS,mmm --> HH:MM:SS,mmm', e.g. '00:00:01,500 --> 00:00:04,000'.");
        double Seconds(string prefix) =>
            (match.Groups[prefix + "h"].Success ? int.Parse(match.Groups[prefix + "h"].Value, CultureInfo.InvariantCulture) * 3600 : 0) +
            int.Parse(match.Groups[prefix + "m"].Value, CultureInfo.InvariantCulture) * 60 +
            int.Parse(match.Groups[prefix + "s"].Value, CultureInfo.InvariantCulture) +
            int.Parse(match.Groups[prefix + "f"].Value.PadRight(3, '0'), CultureInfo.InvariantCulture) / 1000.0;
        var (start, end) = (Seconds("a"), Seconds("b"));
        if (end <= start)
            throw new ScriptComposerException($"{name}({number}): the cue ends ({end:0.###} s) before it starts ({start:0.###} s). The second time must be the later one.");
        return (start, end);
    }

    /// <summary>A text line without markup: HTML-like tags, SSA overrides such as {\an8}, and entities (&amp;amp;).</summary>
    private static string Plain(string line) => WebUtility.HtmlDecode(Markup().Replace(line, "")).Trim();

    private static int SkipBlock(string[] lines, int i)
    {
        while (i < lines.Length && lines[i].Trim().Length > 0)
            i++;
        return i;
    }

    private static string Shorten(string line) => line.Length > 60 ? line[..59] + "…" : line;

    [GeneratedRegex(@"^\s*(?:(?<ah>\d+):)?(?<am>[0-5]?\d):(?<as>[0-5]\d)[,.](?<af>\d{1,3})\s*-->\s*(?:(?<bh>\d+):)?(?<bm>[0-5]?\d):(?<bs>[0-5]\d)[,.](?<bf>\d{1,3})(?:\s.*)?$")]
    private static partial Regex TimeLine();

    [GeneratedRegex(@"<[^>]*>|\{\\[^}]*\}")]
    private static partial Regex Markup();
}
