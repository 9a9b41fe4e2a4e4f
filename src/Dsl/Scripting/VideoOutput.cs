using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Scripting;

/// <summary>
/// A video (or GIF, or picture sequence) to render from <see cref="ScriptOutput.Clip"/>, declared by <c>Render(...)</c>;
/// <see cref="Audio"/> is null when the sound is left out. A null output (<c>sc render -o null</c>) renders every frame and
/// writes nothing, sound included.
/// </summary>
public sealed record VideoOutput(Clip Clip, string Path, FrameRate Fps, EncoderSettings Encoder, bool Alpha = false, AudioSettings? Audio = null)
    : ScriptOutput(Clip, Path)
{
    /// <summary>The path <c>-o</c> takes for a null output.</summary>
    public const string NullPath = "null";

    public OutputKind Kind => OutputFormats.KindOf(Path);

    /// <summary>Whether the frames go nowhere (<c>-o null</c>).</summary>
    public bool IsNull { get; init; }

    /// <summary>The script's <c>Render(...)</c> arguments, to declare the output again at another path (<c>-o</c>); null when made otherwise.</summary>
    public RenderCall? Call { get; init; }

    /// <summary>
    /// This output written to <paramref name="fullPath"/> instead: declared again from the script's arguments where it has them, so
    /// the codec, pixel format and sound the script left to sc suit the new path (an .mp4's H.264 does not go into a .gif).
    /// </summary>
    public VideoOutput At(string fullPath) =>
        Call is { } call ? call.Declare(Clip, fullPath) with { DeclaredAt = DeclaredAt, BaseDirectory = BaseDirectory } : this with { Path = fullPath };
}
