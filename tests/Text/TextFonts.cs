using ScriptComposer.Dsl.Text;

namespace ScriptComposer.Tests.TextRendering;

/// <summary>What the machine's fonts allow the tests to check.</summary>
internal static class TextFonts
{
    public const string DejaVuSansFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    public static bool HasCjkFont => CjkFamily is not null;

    /// <summary>The family the catalog falls back to for 夏 from DejaVu Sans, or null when no installed font has it.</summary>
    public static string? CjkFamily => FontCatalog.Fallback(FontCatalog.Resolve("DejaVu Sans"), '夏')?.FamilyName;

    public const string NoCjkReason =
        "No installed font has CJK glyphs (夏). Install one (scripts/install-deps installs fonts-wqy-zenhei) to run this test.";
}
