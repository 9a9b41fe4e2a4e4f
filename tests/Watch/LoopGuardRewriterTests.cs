using ScriptComposer.Host.Watch;

namespace ScriptComposer.Tests.Watch;

public sealed class LoopGuardRewriterTests
{
    [Fact]
    public void Every_loop_body_starts_with_the_guard_and_no_line_moves()
    {
        const string code = """
            #load "lib.csx"
            var n = 0;
            while (n < 3) n++;
            for (var i = 0; i < 2; i++)
            {
                foreach (var c in "ab") { n += c; }
            }
            do n--; while (n > 100);
            foreach (var (a, b) in new[] { (1, 2) })
                n += a + b;
            """;

        var guarded = LoopGuardRewriter.Rewrite(code, "/s/x.csx");

        var lines = code.Split('\n');
        var guardedLines = guarded.Split('\n');
        Assert.Equal(lines.Length, guardedLines.Length);
        Assert.Equal(5, guardedLines.Sum(l => CountOf(l, "LoopGuard.Check();")));
        // Line by line, the same code once the guards and the braces around them are taken out.
        for (var i = 0; i < lines.Length; i++)
            Assert.Equal(Strip(lines[i]), Strip(guardedLines[i]));
        Assert.StartsWith("#load \"lib.csx\"", guarded, StringComparison.Ordinal);
    }

    private static string Strip(string line) => line.Replace("global::ScriptComposer.Host.Watch.LoopGuard.Check();", "", StringComparison.Ordinal)
        .Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim();

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
