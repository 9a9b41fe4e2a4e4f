using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Everything one ffmpeg encode needs to know: where, what size and rate, which codecs, and the sound (<see cref="Audio"/>:
/// the format of the raw mix ffmpeg reads beside the frames; null for none). <see cref="Muxer"/> names the container when it is
/// not the output's own (a chunk's segment: <see cref="Rendering.Chunks.SegmentFormat"/>), and <see cref="Offset"/> the
/// time, in microseconds, its first frame is stamped with (a chunk's start in the whole output; 0 for an output).
/// <see cref="Frames"/>, where known, is how many frames the encode gets (a GIF's last frame is given its own length from it).
/// </summary>
public sealed record EncodeSpec(
    string OutputPath,
    int Width,
    int Height,
    FrameRate Fps,
    EncoderSettings Video,
    OutputKind Kind = OutputKind.Video,
    bool Alpha = false,
    AudioFormat? Audio = null,
    AudioSettings? AudioSettings = null,
    string? Muxer = null,
    long Offset = 0,
    long? Frames = null)
{
    /// <summary>I420 when the encoder wants exactly that (the backend converts); RGBA otherwise, straight when alpha is kept.</summary>
    public PipeFormat Pipe => Alpha ? PipeFormat.RgbaStraight
        : Kind == OutputKind.Video && Video.PixelFormat == "yuv420p" && !OutputFormats.UsesDefaultMatrix(Video) ? PipeFormat.I420
        : PipeFormat.Rgba;

    public int FrameBytes => Pipe == PipeFormat.I420 ? new Gpu.Yuv420Layout(Width, Height).TotalBytes : Width * Height * 4;
}
