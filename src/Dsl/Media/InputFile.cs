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
            return;
        // Noted though missing: sc watch reloads when it appears.
        MediaPaths.NoteRead(path);
        throw new ScriptComposerException(Directory.Exists(path)
            ? $"'{path}' is a folder, not {WithArticle(kind)} file. {give}"
            : $"The {kind} file '{path}' does not exist. Check the path (relative paths are resolved from the script's folder){orElse}.");
    }

    private static string WithArticle(string kind) => kind[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? $"an {kind}" : $"a {kind}";
}
