using System.Runtime.InteropServices;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// The checks every input a script names gets before its format-specific open (SkiaSharp, ffprobe, the subtitle parser),
/// which would report a folder or a missing file as a file of the wrong format, or not at all; and where the read is noted.
/// </summary>
internal static partial class InputFile
{
    /// <param name="kind">What the file should be, as the message names it: "font", "subtitle", "image", "video".</param>
    /// <param name="give">What to give instead of a folder, as a sentence.</param>
    /// <param name="orElse">Another way to fix a missing file, continuing "Check the path (...)", such as ", or give a family name".</param>
    public static void Require(string path, string kind, string give, string orElse = "")
    {
        // Noted as read whatever follows: an input of the script (no output may replace it), and one sc watch reloads for when it
        // appears or changes.
        MediaPaths.NoteRead(path);
        if (File.Exists(path))
        {
            RequireReadable(path, kind, CheckAccess);
            return;
        }
        throw new ScriptComposerException(Directory.Exists(path)
            ? $"'{path}' is a folder, not {WithArticle(kind)} file. {give}"
            : $"The {kind} file '{path}' does not exist. Check the path (relative paths are resolved from the script's folder){orElse}.");
    }

    /// <summary>
    /// Asks whether the file may be read (through <paramref name="check"/>, which tests replace) so a file the user may not read
    /// is reported as such, not as "not an image SkiaSharp can read" or ffprobe's "Permission denied" taken for a damaged video.
    /// </summary>
    internal static void RequireReadable(string path, string kind, Action<string> check)
    {
        try
        {
            check(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new ScriptComposerException(
                $"'{path}' cannot be read: permission denied. Make it readable (chmod a+r {ShellQuote.Quote(path)}) or give another {kind} file.");
        }
        catch (IOException e)
        {
            throw new ScriptComposerException($"'{path}' cannot be read: {e.Message} Check that it is there and readable, or give another {kind} file.");
        }
    }

    /// <summary>
    /// Whether this user may read the file, asked without opening it (access(2)): opening a named pipe would wait for a writer,
    /// outside the reach of Ctrl+C and of sc watch's time limit, where the ffprobe that reads it can be stopped.
    /// </summary>
    private static void CheckAccess(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            using var _ = File.OpenRead(path);
            return;
        }
        if (Access(path, ReadPermission) == 0)
            return;
        var error = Marshal.GetLastPInvokeError();
        if (error == PermissionDenied)
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
        throw new IOException(Marshal.GetPInvokeErrorMessage(error));
    }

    private const int ReadPermission = 4;
    private const int PermissionDenied = 13;

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);

    private static string WithArticle(string kind) => kind[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? $"an {kind}" : $"a {kind}";
}
