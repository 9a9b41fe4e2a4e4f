using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Scripting;

/// <summary>A video file to render from <see cref="ScriptOutput.Clip"/>, declared by <c>Render(...)</c>.</summary>
public sealed record VideoOutput(Clip Clip, string Path, FrameRate Fps, EncoderSettings Encoder) : ScriptOutput(Clip, Path);
