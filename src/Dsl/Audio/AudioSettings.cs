namespace ScriptComposer.Dsl.Audio;

/// <summary>How an output's sound is encoded; a null codec means the container's usual one (AAC in mp4, Opus in webm).</summary>
public sealed record AudioSettings(string? Codec = null, string? Bitrate = "192k", int SampleRate = AudioFilterGraph.SampleRate);
