using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Scripting;

/// <summary>
/// A video (or GIF, or picture sequence) to render from <see cref="ScriptOutput.Clip"/>, declared by <c>Render(...)</c>;
/// <see cref="Audio"/> is null when the sound is left out.
/// </summary>
public sealed record VideoOutput(Clip Clip, string Path, FrameRate Fps, EncoderSettings Encoder, bool Alpha = false, AudioSettings? Audio = null)
    : ScriptOutput(Clip, Path)
{
    public OutputKind Kind => OutputFormats.KindOf(Path);
}
