using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning;

/// <summary>
/// What a range of frames will need, known before the first is drawn: the fused kernel shapes to compile, the video frames
/// to decode, and how many of the frames are mixed in Y'CbCr.
/// </summary>
public sealed record RenderNeeds(IReadOnlySet<ValueList<LayerShape>> Shapes, IReadOnlySet<VideoRead> Reads, long Frames, long PlanarFrames);
