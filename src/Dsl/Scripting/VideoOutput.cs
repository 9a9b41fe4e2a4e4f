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
}
