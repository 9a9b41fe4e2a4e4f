namespace ScriptComposer.Dsl.Media;

/// <summary>What crosses the pipe to ffmpeg per frame.</summary>
public enum PipeFormat
{
    /// <summary>Planar YUV 4:2:0, BT.709 limited range, converted by the backend: 1.5 bytes a pixel, nothing left for ffmpeg to convert.</summary>
    I420,
    /// <summary>RGBA8, premultiplied (transparency shows as black) for opaque outputs.</summary>
    Rgba,
    /// <summary>RGBA8 with straight alpha, for outputs that keep transparency.</summary>
    RgbaStraight,
}
