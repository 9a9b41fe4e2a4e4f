namespace ScriptComposer.Dsl.Media;

/// <summary>What probing a file's audio stream told us; <see cref="ChannelLayout"/> is ffprobe's name for it ("stereo", "5.1(side)"), empty when it gave none.</summary>
public sealed record AudioInfo(string Path, double Duration, int SampleRate, int Channels, string ChannelLayout);
