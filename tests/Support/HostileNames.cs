namespace ScriptComposer.Tests.Support;

/// <summary>
/// File names that break a command line built as one string, or a shell: each must reach ffmpeg, ffprobe, libavformat
/// and SkiaSharp as the very name, and none may make a process write anything (the quote one would have ffprobe write
/// <see cref="Victim"/> in the working folder).
/// </summary>
internal static class HostileNames
{
    public const string Victim = "victim.txt";

    /// <summary>Stems (an extension is added): a double quote, a single quote, $, \, ;, a newline, a leading '-', and unicode.</summary>
    public static IReadOnlyList<string> Stems { get; } =
    [
        "a\" -o \"victim.txt",
        "it's mine",
        "$(touch victim.txt) $HOME",
        "back\\slash",
        "semi;colon; touch victim.txt;",
        "new\nline",
        "-i",
        "ünïcödé 日本語 🎬",
    ];

    /// <summary>Fails when any process left a file named like <see cref="Victim"/> ("victim.txt", "victim.txt.mp4") in <paramref name="folder"/> or in the working folder.</summary>
    public static void AssertNoVictim(string folder)
    {
        foreach (var place in new[] { folder, Environment.CurrentDirectory })
        {
            var strays = Directory.GetFiles(place, "victim*");
            Assert.True(strays.Length == 0, $"A file name was run as arguments: {string.Join(", ", strays)} appeared.");
        }
    }
}
