namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// How an output's sound is encoded. A null codec means the container's usual one (AAC in mp4, Opus in webm); a null
/// sample rate the sources' common rate (48 kHz when they differ or there are none); null channels the widest source
/// layout (stereo when there are no files); each is moved to what the codec can take when it was not given. A null bitrate
/// means <see cref="Media.AudioEncoder.DefaultBitrate"/> (Vorbis: its quality 6 instead, about as much).
/// </summary>
public sealed record AudioSettings(string? Codec = null, string? Bitrate = null, int? SampleRate = null, int? Channels = null);
