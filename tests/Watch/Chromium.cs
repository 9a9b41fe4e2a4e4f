using Microsoft.Playwright;

namespace ScriptComposer.Tests.Watch;

/// <summary>Debian's chromium, headless, as the page tests drive it through Playwright (the package's own browser download is not used).</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static readonly string SkipReason = $"No browser: {Path} is not installed (scripts/install-deps --tests installs Debian's chromium).";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
    ];

    public static bool Installed => File.Exists(Path);

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = Path, Headless = true, Args = Args });

    /// <summary>Where screenshots of <paramref name="suite"/> are kept: artifacts/test-results/SUITE/.</summary>
    public static string Screenshots(string suite)
    {
        var folder = System.IO.Path.Combine(Support.RepositoryFiles.Root, "artifacts", "test-results", suite);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
