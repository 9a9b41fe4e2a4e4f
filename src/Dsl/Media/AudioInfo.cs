namespace ScriptComposer.Dsl.Media;

/// <summary>
/// What probing a file's first audio stream told us. <see cref="Duration"/> is the stream's exact length in seconds (its
/// length in its own time base, which for PCM is its sample count, over the base; for a lossy codec the samples it decodes
/// to, without the encoder's delay and padding: <see cref="DecodedSoundLength"/>), never a rounded figure.
/// <see cref="ChannelLayout"/> is ffmpeg's name for the layout ("mono", "stereo", "5.1(side)"), or ffmpeg's default
/// layout for the channel count where the file names none.
/// </summary>
public sealed record AudioInfo(string Path, double Duration, int SampleRate, int Channels, string ChannelLayout)
{
    /// <summary>
    /// Where the stream's sound really ends, in seconds from its start, when that is before <see cref="Duration"/> (a
    /// truncated file whose header still claims the whole length); null when the sound reaches <see cref="Duration"/>.
    /// </summary>
    public double? SoundEnd { get; init; }

    /// <summary>
    /// When the stream's first decoded sample sounds in the file's timeline, in seconds (its start time, less what the decoder drops
    /// first, such as Opus's pre-skip). A video's own sound keeps its
    /// distance from the picture's start (<see cref="MediaInfo.VideoStart"/>): in an MKV or MPEG-TS that ffmpeg wrote with AAC, the
    /// encoder's 1024 priming samples start 21 ms before the first picture, and the picture's first frame goes with the sample after them.
    /// </summary>
    public double Start { get; init; }
}
