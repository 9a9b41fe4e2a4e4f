namespace ScriptComposer.Dsl.Media;

/// <summary>What probing a file's audio stream told us.</summary>
public sealed record AudioInfo(string Path, double Duration, int SampleRate, int Channels);
