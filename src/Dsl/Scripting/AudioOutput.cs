using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl.Scripting;

/// <summary>The sound of <see cref="ScriptOutput.Clip"/> alone, declared by <c>RenderAudio(...)</c>.</summary>
public sealed record AudioOutput(Clip Clip, string Path, AudioSettings Settings) : ScriptOutput(Clip, Path);
