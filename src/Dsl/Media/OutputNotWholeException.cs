namespace ScriptComposer.Dsl.Media;

/// <summary>
/// An output that could not be written whole (see <see cref="OutputFile.CouldNotWrite(string, string, Exception?)"/>), with the
/// reason alone, so a caller that knows a likelier cause than a full disk (ffmpegArgs) can give that fix instead.
/// </summary>
public sealed class OutputNotWholeException : ScriptComposerException
{
    public OutputNotWholeException(string reason, string message, Exception? inner)
        : base(message, inner!) => Reason = reason;

    /// <summary>What went wrong, in ffmpeg's or the system's words, without the fix.</summary>
    public string Reason { get; }
}
