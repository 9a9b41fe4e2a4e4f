using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>
/// The video readers a renderer owns, and the planar mix of their frames: each file at each size is read by up to
/// <see cref="ReadersPerVideo"/> sequential readers, so layers showing it at different times each read on instead of seeking.
/// </summary>
public sealed partial class FrameRenderer
{
    /// <summary>At most this many decoders per video file and size, for layers that show it at different times.</summary>
    private const int ReadersPerVideo = 4;

    private readonly Dictionary<(string Path, int Width, int Height), List<VideoReader>> _videos = [];

    /// <summary>Which top-level frame is being made (a call not nested in another), and when each reader last served one.</summary>
    private long _frame;
    private int _depth;
    private readonly Dictionary<VideoReader, long> _readerUsedInFrame = [];

    /// <summary>The planar mix's working arrays, kept from frame to frame.</summary>
    private DeviceImage?[] _planarPictures = [];
    private bool[] _planarOwned = [];
    private Yuv420Layer[] _planarLayers = [];
    private readonly Dictionary<VideoReader, int> _planarHeld = [];

    /// <summary>How the video readers decoded so far: opened in process, rewound in place, ffmpeg processes started.</summary>
    public DecodeCounts Decoding => _videos.Values.SelectMany(r => r).Aggregate(default(DecodeCounts), (sum, reader) => sum + reader.Decoding);

    /// <summary>How many video readers (each decoding one file at one size) this renderer holds open.</summary>
    public int VideoReaders => _videos.Values.Sum(r => r.Count);

    /// <summary>Counts top-level frames (for the readers' policy); nested calls belong to the frame around them.</summary>
    private FrameScope EnterFrame()
    {
        if (_depth++ == 0)
            _frame++;
        return new FrameScope(this);
    }

    private readonly struct FrameScope(FrameRenderer renderer) : IDisposable
    {
        public void Dispose() => renderer._depth--;
    }

    private void DisposeReaders()
    {
        foreach (var reader in _videos.Values.SelectMany(r => r)) reader.Dispose();
        _videos.Clear();
    }

    private DeviceImage VideoFrame(VideoSource video)
    {
        var reader = ReaderFor(video);
        var pixels = reader.ReadFrame(video.Frame);
        var image = _backend.Allocate(video.Width, video.Height);
        if (reader.DecodesI420)
        {
            _backend.UploadYuv420(pixels, image, video.Media.Matrix, video.Media.Range);
            return image;
        }
        _backend.Upload(pixels, image);
        _backend.Premultiply(image);
        return image;
    }

    /// <summary>
    /// The reader of this file and size that can give the frame most cheaply: the one already on it, else the one just behind it
    /// (unless another layer of this frame read from it); else the least recently used one that no layer of this frame has read
    /// from seeks; else (every reader serves another layer now) a new one, up to <see cref="ReadersPerVideo"/>. So layers showing
    /// the same file at different times each read on sequentially, the same frame is decoded once, and a loop or a jump restarts
    /// a reader instead of adding one.
    /// </summary>
    private VideoReader ReaderFor(VideoSource video)
    {
        var key = (video.Media.Path, video.Width, video.Height);
        var index = video.Frame;
        if (!_videos.TryGetValue(key, out var readers))
            _videos[key] = readers = [];
        // A reader another layer of this frame read from can only give that same frame again.
        bool Free(VideoReader r) => _readerUsedInFrame.GetValueOrDefault(r) != _frame;
        VideoReader? best = null;
        long bestCost = long.MaxValue;
        foreach (var reader in readers)
        {
            if (reader.CostOf(index) is { } cost && (cost == 0 || Free(reader)) && cost < bestCost)
                (best, bestCost) = (reader, cost);
        }
        for (var i = readers.Count - 1; best is null && i >= 0; i--)
        {
            if (Free(readers[i])) best = readers[i];
        }
        if (best is null)
        {
            if (readers.Count < ReadersPerVideo)
            {
                best = new VideoReader(video.Media, video.Width, video.Height);
            }
            else
            {
                best = readers[^1];
                readers.RemoveAt(readers.Count - 1);
            }
        }
        else
        {
            readers.Remove(best);
        }
        readers.Insert(0, best);
        _readerUsedInFrame[best] = _frame;
        return best;
    }

    /// <summary>
    /// Mixes a planar plan: the pictures drawn first (drawing one may read video, and the frames held below must not move after),
    /// then each video layer's decoded frame, held until the mix. Two layers served by one reader at two frames (only when more
    /// moments of one video show at once than it has readers) get the first frame copied before the reader moves on.
    /// </summary>
    private void DrawPlanar(PlanarCompositeNode planar, Span<byte> buffer)
    {
        var count = planar.Layers.Count;
        if (_planarLayers.Length < count)
            (_planarPictures, _planarOwned, _planarLayers) = (new DeviceImage?[count], new bool[count], new Yuv420Layer[count]);
        var pictures = _planarPictures;
        var owned = _planarOwned;
        var layers = _planarLayers.AsSpan(0, count);
        var held = _planarHeld;
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (planar.Layers[i].Picture is { } picture)
                    (pictures[i], owned[i]) = Draw(picture);
            }
            for (var i = 0; i < count; i++)
            {
                var layer = planar.Layers[i];
                if (layer.Video is not { } video)
                {
                    layers[i] = Yuv420Layer.Picture(pictures[i]!, layer.X, layer.Y, layer.Opacity);
                    continue;
                }
                var reader = ReaderFor(video);
                if (held.TryGetValue(reader, out var earlier) && planar.Layers[earlier].Video!.Frame != video.Frame)
                    layers[earlier] = layers[earlier] with { I420 = layers[earlier].I420.ToArray() };
                held[reader] = i;
                layers[i] = new Yuv420Layer(reader.ReadFrameMemory(video.Frame), video.Width, video.Height, layer.X, layer.Y, layer.Opacity,
                    layer.Fade.Color, layer.Fade.Amount, video.Media.Matrix, video.Media.Range);
            }
            _backend.MixI420Layers(planar.Width, planar.Height, planar.Background, layers, buffer);
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                if (owned[i]) pictures[i]!.Dispose();
                (pictures[i], owned[i], layers[i]) = (null, false, default);
            }
            held.Clear();
        }
    }
}
