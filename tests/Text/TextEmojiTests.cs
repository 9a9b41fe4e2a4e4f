using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Tests.Support;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.TextRendering;

/// <summary>Color emoji drawn from Noto Color Emoji's pictures; characters no installed font has named in one warning per render.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class TextEmojiTests
{
    private const string NotoColorEmoji = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

    /// <summary>Egyptian hieroglyphs: no font of the test machine has them.</summary>
    private const string Hieroglyph = "\U00013000";

    [SkippableFact]
    public void An_emoji_is_drawn_in_color_where_the_text_is_white()
    {
        Skip.IfNot(File.Exists(NotoColorEmoji), "fonts-noto-color-emoji is not installed (scripts/install-deps installs it).");
        var image = Text("a\U0001F600b", size: 48, color: "white").Image;

        var colored = 0;
        var pixels = image.Pixels.Span;
        for (var i = 0; i < pixels.Length; i += 4)
        {
            // The smiley's yellow: red and green well above blue, at full alpha (white text is gray, never yellow).
            if (pixels[i + 3] == 255 && pixels[i] > 200 && pixels[i + 1] > 150 && pixels[i + 2] < 100)
                colored++;
        }
        Assert.True(colored > 200, $"{colored} yellow pixels in the emoji");
        Assert.True(image.Width > Text("ab", size: 48).Image.Width + 30, "the emoji takes room between the letters");
    }

    [SkippableFact]
    public void A_flag_sequence_and_a_variation_selector_are_one_picture_each()
    {
        Skip.IfNot(File.Exists(NotoColorEmoji), "fonts-noto-color-emoji is not installed (scripts/install-deps installs it).");
        var flag = Text("\U0001F1EB\U0001F1F7", size: 48).Image;   // France: two regional indicators, one flag
        var heart = Text("\u2764\uFE0F", size: 48).Image;           // a heart asked for as emoji

        Assert.InRange(flag.Width, 40, 90);
        Assert.True(Ink.Bounds(heart) is not null);
        var reds = 0;
        var pixels = heart.Pixels.Span;
        for (var i = 0; i < pixels.Length; i += 4)
            if (pixels[i + 3] == 255 && pixels[i] > 180 && pixels[i + 1] < 80 && pixels[i + 2] < 80) reds++;
        Assert.True(reds > 100, $"{reds} red pixels in the heart");
    }

    [Fact]
    public void Characters_no_font_has_are_collected_once_each()
    {
        var warnings = new ScriptWarnings();
        using (ScriptWarnings.Collect(warnings))
        {
            Text($"a{Hieroglyph}b");
            Text($"{Hieroglyph} again, and \uA500");
            Text("all here");
        }

        var message = Assert.Single(warnings.Messages);
        Assert.Contains("'\U00013000' (U+13000)", message);
        Assert.Contains("(U+A500)", message);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(message, "U\\+13000"));
        Assert.Contains("fonts-noto", message);
        Assert.Empty(new ScriptWarnings().Messages);
    }

    [SkippableFact]
    public async Task A_render_warns_once_naming_the_missing_characters()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("text");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "t.csx", $$"""
            var a = Text("x{{Hieroglyph}}", size: 20).WithDuration(0.2);
            var b = Text("{{Hieroglyph}}y", size: 20).WithDuration(0.2);
            Render(Composite(64, 32, a, b.At(0, 16)), "t.mp4");
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        var warnings = result.Stderr.Split('\n').Where(l => l.StartsWith("warning:", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 1, result.ToString());
        Assert.Contains("U+13000", warnings[0]);
    }
}
