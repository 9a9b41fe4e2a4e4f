using System.Runtime.InteropServices;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Time;
using ScriptComposer.Dsl.Transforms;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>
/// Computes a clip's picture at a time on a backend. Still sources (colors, images, gradients, text) are made on the
/// device once per renderer; videos are read by sequential readers; a composite's layers are laid in one fused pass, or, for
/// frames of video, mixed in the decoders' Y'CbCr (<c>FrameRenderer.Planar.cs</c>).
/// </summary>
public sealed partial class FrameRenderer : IDisposable
{
    /// <summary>At most this many decoders per video file and size, for layers that show it at different times.</summary>
    private const int ReadersPerVideo = 4;

    private readonly IComputeBackend _backend;
    private readonly Dictionary<object, DeviceImage> _stills = [];
    private readonly Dictionary<(string Path, int Width, int Height), List<VideoReader>> _videos = [];
    private byte[] _hostScratch = [];
    private StillImage? _lastPicture;

    /// <summary>Which top-level frame is being made (a render call not nested in another), and when each reader last served one.</summary>
    private long _frame;
    private int _depth;
    private readonly Dictionary<VideoReader, long> _readerUsedInFrame = [];

    public FrameRenderer(IComputeBackend backend) => _backend = backend;

    /// <summary>How the video readers decoded so far: opened in process, rewound in place, ffmpeg processes started.</summary>
    public DecodeCounts Decoding => _videos.Values.SelectMany(r => r).Aggregate(default(DecodeCounts), (sum, reader) => sum + reader.Decoding);

    public IComputeBackend Backend => _backend;

    /// <summary>How many video readers (each one ffmpeg decoding one file at one size) this renderer holds open.</summary>
    public int VideoReaders => _videos.Values.Sum(r => r.Count);

    /// <summary>The picture of <paramref name="clip"/> at its own time <paramref name="localTime"/>; the caller disposes it.</summary>
    public DeviceImage Render(Clip clip, double localTime)
    {
        using var frame = EnterFrame();
        return RenderLayer(clip, localTime, out var lent) ?? Copy(lent!);
    }

    /// <summary>
    /// The picture of <paramref name="clip"/> at <paramref name="localTime"/> as an output with alpha shows it: with the
    /// clip's own mask and opacity (crossfades included), as it would look laid on a transparent canvas. The caller disposes it.
    /// </summary>
    public DeviceImage RenderWithOwnAlpha(Clip clip, double localTime)
    {
        using var frame = EnterFrame();
        return RenderBaked(clip, localTime);
    }

    /// <summary>Counts top-level frames (for the readers' policy); nested renders (masks, wrapped clips) belong to the frame around them.</summary>
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

    public void Dispose()
    {
        foreach (var still in _stills.Values) still.Dispose();
        _stills.Clear();
        foreach (var reader in _videos.Values.SelectMany(r => r)) reader.Dispose();
        _videos.Clear();
    }

    /// <summary>The source's own picture, and whether the caller owns it (a still from the cache is only lent).</summary>
    private (DeviceImage Image, bool Owned) RenderSource(Clip clip, double sourceTime) => clip switch
    {
        ColorClip color => (Still((color.Width, color.Height, color.Color),
            () => { var image = _backend.Allocate(color.Width, color.Height); _backend.Fill(image, color.Color); return image; }), false),
        ImageClip still => (Still(still.Image, () => { var image = _backend.Allocate(still.Width, still.Height); _backend.Upload(still.Image.Pixels.Span, image); return image; }), false),
        VideoClip video => (VideoFrame(video, sourceTime), true),
        FramesClip frames => (GeneratedFrame(frames, sourceTime), true),
        CompositeClip composite => (Composite(composite, sourceTime - composite.SourceOffset), true),
        GradientClip gradient => (Still((gradient.Width, gradient.Height, gradient.Parameters),
            () => { var image = _backend.Allocate(gradient.Width, gradient.Height); _backend.Gradient(image, gradient.Parameters); return image; }), false),
        ImageSequenceClip sequence => (SequenceFrame(sequence, sourceTime), true),
        TimeMappedClip mapped => (RenderBaked(mapped.Inner, mapped.Map.Map(sourceTime)), true),
        CropClip crop => (Place(RenderBaked(crop.Inner, sourceTime), crop.Width, crop.Height, -crop.X, -crop.Y, Rgba.Transparent), true),
        MarginClip margin => (Place(RenderBaked(margin.Inner, sourceTime), margin.Width, margin.Height, margin.Left, margin.Top, margin.Color), true),
        ResizeClip resize => (Resized(RenderBaked(resize.Inner, sourceTime), resize.Width, resize.Height, resize.Filter), true),
        EffectClip effect => (Effected(effect, RenderBaked(effect.Inner, sourceTime), sourceTime), true),
        _ => throw new NotSupportedException($"{clip.Describe()} ({clip.GetType().Name}) cannot be rendered yet."),
    };

    /// <summary>The clip's picture with its fades, opacity and mask applied, for a wrapper to transform.</summary>
    private DeviceImage RenderBaked(Clip clip, double localTime)
    {
        var image = Render(clip, localTime);
        var opacity = Timeline.Opacity(clip, localTime);
        if (clip.Mask is null && opacity >= 1f)
            return image;
        using (image)
        using (var mask = clip.Mask is { } maskClip ? Render(maskClip, localTime) : null)
            return Place(image, image.Width, image.Height, 0, 0, Rgba.Transparent, opacity, mask, disposeSource: false);
    }

    /// <summary>A new image of the given size filled with <paramref name="background"/>, with <paramref name="source"/> laid at (x, y); disposes the source.</summary>
    private DeviceImage Place(DeviceImage source, int width, int height, int x, int y, Rgba background, float opacity = 1f, DeviceImage? mask = null, bool disposeSource = true)
    {
        try
        {
            var target = _backend.Allocate(width, height);
            _backend.Fill(target, background);
            _backend.Composite(target, source, new CompositeParams(x, y, opacity, mask));
            return target;
        }
        finally
        {
            if (disposeSource) source.Dispose();
        }
    }

    private DeviceImage Resized(DeviceImage source, int width, int height, ResizeFilter filter)
    {
        using (source)
        {
            var target = _backend.Allocate(width, height);
            _backend.Resize(source, target, filter);
            return target;
        }
    }

    /// <summary>Applies the effect to <paramref name="source"/> (owned), in place when the effect allows it.</summary>
    private DeviceImage Effected(EffectClip clip, DeviceImage source, double time)
    {
        switch (clip.Effect)
        {
            case ColorEffect color:
                _backend.AdjustColors(source, color.Parameters);
                return source;
            case ChromaKeyEffect key:
                _backend.ChromaKey(source, key.Parameters);
                return source;
            case BlurEffect blur:
                _backend.GaussianBlur(source, source, blur.Sigma);
                return source;
            case CustomEffect custom:
                _backend.ApplyPixelEffect(source, custom.Effect, (float)time);
                return source;
        }
        using (source)
        {
            var target = _backend.Allocate(clip.Width, clip.Height);
            switch (clip.Effect)
            {
                case MirrorEffect { Horizontal: true }:
                    _backend.MirrorX(source, target);
                    break;
                case MirrorEffect:
                    _backend.MirrorY(source, target);
                    break;
                case RotateEffect rotate:
                    var degrees = rotate.Degrees(time);
                    if (!double.IsFinite(degrees))
                        throw new ScriptComposerException($"The rotation function of {clip.Describe()} returned {degrees} at {time:0.###} s; it must return a finite angle in degrees.");
                    _backend.Rotate(source, target, (float)degrees, rotate.Background);
                    break;
                default:
                    target.Dispose();
                    throw new NotSupportedException($"{clip.Effect.GetType().Name} cannot be rendered yet.");
            }
            return target;
        }
    }

    private DeviceImage SequenceFrame(ImageSequenceClip sequence, double sourceTime)
    {
        var index = (int)Math.Clamp(sequence.Fps.FrameAt(sourceTime), 0, sequence.Files.Count - 1);
        if (_lastPicture?.Path != Path.GetFullPath(sequence.Files[index]))
            _lastPicture = ImageLoader.Load(sequence.Files[index]);
        var still = _lastPicture;
        if (still.Width != sequence.Width || still.Height != sequence.Height)
            throw new ScriptComposerException(
                $"'{sequence.Files[index]}' is {still.Width}x{still.Height}, but the sequence's first picture is {sequence.Width}x{sequence.Height}; every picture of an ImageSequence must have the same size.");
        var image = _backend.Allocate(still.Width, still.Height);
        _backend.Upload(still.Pixels.Span, image);
        return image;
    }

    private DeviceImage Still(object key, Func<DeviceImage> make)
    {
        if (!_stills.TryGetValue(key, out var image))
            _stills[key] = image = make();
        return image;
    }

    private DeviceImage VideoFrame(VideoClip video, double sourceTime)
    {
        var index = video.Media.FrameRate.FrameAt(sourceTime);
        var reader = ReaderFor(video, index);
        var pixels = reader.ReadFrame(index);
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
    /// The reader of this file and size that can give frame <paramref name="index"/> most cheaply: the one already on it,
    /// else the one just behind it (unless another layer of this frame read from it); else the least recently used one that no
    /// layer of this frame has read from seeks; else (every reader serves another layer now) a new one, up to
    /// <see cref="ReadersPerVideo"/>. So layers showing the same file at different times each read on sequentially, the same
    /// frame is decoded once, and a loop or a jump restarts a reader instead of adding one.
    /// </summary>
    private VideoReader ReaderFor(VideoClip video, long index)
    {
        var key = (video.Media.Path, video.Width, video.Height);
        if (!_videos.TryGetValue(key, out var readers))
            _videos[key] = readers = [];
        // A reader another layer of this frame read from can only give that same frame again.
        bool Free(VideoReader r) => _readerUsedInFrame.GetValueOrDefault(r) != _frame;
        var best = readers.Where(r => r.CostOf(index) is { } cost && (cost == 0 || Free(r))).MinBy(r => r.CostOf(index));
        best ??= readers.LastOrDefault(Free);
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

    private DeviceImage GeneratedFrame(FramesClip frames, double sourceTime)
    {
        var bytes = frames.Width * frames.Height * 4;
        if (_hostScratch.Length < bytes)
            _hostScratch = new byte[bytes];
        var span = _hostScratch.AsSpan(0, bytes);
        span.Clear();
        try
        {
            frames.Generator(sourceTime, span);
        }
        catch (Exception e)
        {
            throw new ScriptComposerException($"The frame generator of {frames.Describe()} failed at {sourceTime:0.###} s: {e.Message}", e);
        }
        var image = _backend.Allocate(frames.Width, frames.Height);
        _backend.Upload(span, image);
        _backend.Premultiply(image);
        return image;
    }

    private DeviceImage Composite(CompositeClip composite, double localTime)
    {
        using var layers = Layers(composite, localTime);
        var canvas = _backend.Allocate(composite.Width, composite.Height);
        try
        {
            _backend.CompositeLayers(canvas, composite.Background, CollectionsMarshal.AsSpan(layers.Draws));
            return canvas;
        }
        catch
        {
            canvas.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the frame of <paramref name="clip"/> at <paramref name="localTime"/> into <paramref name="buffer"/> in the
    /// pipe's format. A frame of video (with at most a few small pictures over it) goes to I420 without leaving Y'CbCr (see
    /// <see cref="TryRenderPlanar"/>); any other composite goes to I420 in one fused pass over its layers, with no RGBA canvas in between.
    /// </summary>
    public void RenderToPipe(Clip clip, double localTime, PipeFormat format, Span<byte> buffer)
    {
        using var frame = EnterFrame();
        if (format == PipeFormat.I420 && TryRenderPlanar(clip, localTime, buffer))
            return;
        if (format == PipeFormat.I420 && clip is CompositeClip composite && Timeline.Fades(clip, localTime).Count == 0)
        {
            using var layers = Layers(composite, Timeline.SourceTime(clip, localTime) - composite.SourceOffset);
            _backend.CompositeLayersToYuv420(composite.Width, composite.Height, composite.Background, CollectionsMarshal.AsSpan(layers.Draws), buffer);
            return;
        }
        // Only an output that keeps alpha can show the clip's own mask and opacity; the others show its picture as it is.
        using var image = format == PipeFormat.RgbaStraight ? RenderWithOwnAlpha(clip, localTime) : Render(clip, localTime);
        switch (format)
        {
            case PipeFormat.I420:
                _backend.ConvertToYuv420(image, buffer);
                break;
            case PipeFormat.RgbaStraight:
                _backend.Unpremultiply(image);
                _backend.Download(image, buffer);
                break;
            default:
                _backend.Download(image, buffer);
                break;
        }
    }

    /// <summary>
    /// The composite's layers at its own time, ready for one fused pass: pictures (stills lent from the cache, the rest
    /// owned by the returned set), masks, positions, opacities, blend modes, and the last fade folded into the pass.
    /// </summary>
    private LayerSet Layers(CompositeClip composite, double localTime)
    {
        var set = new LayerSet();
        try
        {
            foreach (var layer in Timeline.ActiveLayers(composite, localTime))
            {
                var fades = Timeline.Fades(layer.Clip, layer.LocalTime);
                var (picture, owned) = RenderSource(layer.Clip, Timeline.SourceTime(layer.Clip, layer.LocalTime));
                if (owned) set.Own(picture);
                if (fades.Count > 1)
                {
                    // Both fades at once (a short clip): apply the first here, fold the second into the pass.
                    if (!owned) picture = set.Own(Copy(picture));
                    _backend.Fade(picture, fades[0].Color, fades[0].Amount);
                }
                var mask = layer.Clip.Mask is { } maskClip ? set.Own(Render(maskClip, layer.LocalTime)) : null;
                var fade = fades.Count > 0 ? fades[^1] : default;
                set.Draws.Add(new LayerDraw(picture, layer.X, layer.Y, layer.Opacity, mask, layer.Clip.BlendMode, fade.Color, fade.Amount));
            }
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>The draws of one fused pass and the images it must dispose afterwards.</summary>
    private sealed class LayerSet : IDisposable
    {
        private readonly List<DeviceImage> _owned = [];

        public List<LayerDraw> Draws { get; } = [];

        public DeviceImage Own(DeviceImage image)
        {
            _owned.Add(image);
            return image;
        }

        public void Dispose()
        {
            foreach (var image in _owned) image.Dispose();
        }
    }

    /// <summary>
    /// The clip's picture with its fades: an image the caller owns, or null with <paramref name="lent"/> set to a
    /// cached still when nothing changes its pixels (the caller must not dispose or modify it).
    /// </summary>
    private DeviceImage? RenderLayer(Clip clip, double localTime, out DeviceImage? lent)
    {
        lent = null;
        var fades = Timeline.Fades(clip, localTime);
        var (image, owned) = RenderSource(clip, Timeline.SourceTime(clip, localTime));
        if (!owned && fades.Count == 0)
        {
            lent = image;
            return null;
        }
        if (!owned)
            image = Copy(image);
        foreach (var fade in fades)
            _backend.Fade(image, fade.Color, fade.Amount);
        return image;
    }

    private DeviceImage Copy(DeviceImage source) => Place(source, source.Width, source.Height, 0, 0, Rgba.Transparent, disposeSource: false);
}
