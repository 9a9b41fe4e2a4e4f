using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>An input the user may not read is reported as unreadable, not as a file of the wrong format.</summary>
public class UnreadableInputTests
{
    [Fact]
    public void Permission_denied_names_the_file_and_chmod()
    {
        var error = Assert.Throws<ScriptComposerException>(() =>
            InputFile.RequireReadable("/media/unread.png", "image", _ => throw new UnauthorizedAccessException("Access to the path is denied.")));

        Assert.Equal("'/media/unread.png' cannot be read: permission denied. Make it readable (chmod a+r /media/unread.png) or give another image file.", error.Message);
    }

    [SkippableTheory]
    [InlineData("unread.png")]
    [InlineData("unread.ttf")]
    [InlineData("unread.srt")]
    public void A_real_unreadable_file_is_refused_as_unreadable(string name)
    {
        Skip.If(Environment.UserName == "root" || OperatingSystem.IsWindows(), "root reads every file; Permission_denied_names_the_file_and_chmod covers the message");
        using var folder = new TempFolder("unread");
        var path = folder.Write(name, "not read");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.None);

        Action open = Path.GetExtension(name) switch
        {
            ".png" => () => Clips.Image(path),
            ".ttf" => () => Clips.Text("x", font: path),
            _ => () => Clips.Subtitles(path, 64, 48),
        };
        var error = Assert.Throws<ScriptComposerException>(open);

        Assert.Contains("cannot be read: permission denied", error.Message);
    }
}
