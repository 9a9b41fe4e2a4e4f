namespace ScriptComposer.Dsl.Media;

/// <summary>
/// The checks every input a script names gets before its format-specific open (SkiaSharp, ffprobe, the subtitle parser),
/// which would report a folder or a missing file as a file of the wrong format, or not at all.
/// </summary>
internal static class InputFile
{
    /// <param name="kind">What the file should be, as the message names it: "font", "subtitle", "image", "video".</param>
    /// <param name="give">What to give instead of a folder, as a sentence.</param>
    /// <param name="orElse">Another way to fix a missing file, continuing "Check the path (...)", such as ", or give a family name".</param>
    public static void Require(string path, string kind, string give, string orElse = "")
    {
        if (File.Exists(path))
        {
            RequireReadable(path, kind, File.OpenRead);
            return;
        }
        // Noted though missing: sc watch reloads when it appears.
        MediaPaths.NoteRead(path);
        throw new ScriptComposerException(Directory.Exists(path)
            ? $"'{path}' is a folder, not {WithArticle(kind)} file. {give}"
            : $"The {kind} file '{path}' does not exist. Check the path (relative paths are resolved from the script's folder){orElse}.");
    }

    /// <summary>
    /// Opens the file once (through <paramref name="open"/>, which tests replace) so a file the user may not read is reported
    /// as such, not as "not an image SkiaSharp can read" or ffprobe's "Permission denied" taken for a damaged video.
    /// </summary>
    internal static void RequireReadable(string path, string kind, Func<string, Stream> open)
    {
        try
        {
            using var _ = open(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new ScriptComposerException(
                $"'{path}' cannot be read: permission denied. Make it readable (chmod a+r '{path}') or give another {kind} file.");
        }
        catch (IOException e)
        {
            throw new ScriptComposerException($"'{path}' cannot be read: {e.Message} Check that it is there and readable, or give another {kind} file.");
        }
    }

    private static string WithArticle(string kind) => kind[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? $"an {kind}" : $"a {kind}";
}
