using System.Runtime.InteropServices;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Time;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>
/// The planar path: a frame made of decoded video (a grid, a crossfade, a trimmed or faded clip), with perhaps a few small pictures over
/// it (a logo, a title), is mixed in I420, the decoders' format and the encoder's, with <see cref="IComputeBackend.CompositeYuv420Layers"/>:
/// no conversion to RGBA and back, and an opaque BT.709 layer is a copy of its planes. Any other frame takes the RGBA path.
/// </summary>
public sealed partial class FrameRenderer
{
    /// <summary>How many frames took the planar path (for tests and benchmarks).</summary>
    public long PlanarFrames { get; private set; }

    /// <summary>Whether eligible frames take the planar path (the default); off, every frame takes the RGBA path (for comparisons).</summary>
    public bool PlanarPath { get; init; } = true;

    /// <summary>Writes the I420 frame of <paramref name="clip"/> through the planar path, or returns false (and writes nothing) when it cannot.</summary>
    private bool TryRenderPlanar(Clip clip, double localTime, Span<byte> buffer)
    {
        if (!PlanarPath || clip.Width % 2 != 0 || clip.Height % 2 != 0)
            return false;
        var (active, background) = clip switch
        {
            CompositeClip composite when Timeline.Fades(clip, localTime).Count == 0 =>
                (Timeline.ActiveLayers(composite, Timeline.SourceTime(clip, localTime) - composite.SourceOffset), composite.Background),
            VideoClip or TimeMappedClip => ([new LayerPlan(clip, localTime, 0, 0, 1f)], Rgba.Black),
            _ => ((IReadOnlyList<LayerPlan>?)null, default(Rgba)),
        };
        if (active is null)
            return false;
        active = Ungrouped(active);
        if (active.Count > 0 && IsBackdrop(active[0], clip.Width, clip.Height, out var backdrop))
            (active, background) = (active.Skip(1).ToList(), backdrop);
        if (Classify(active, clip.Width, clip.Height) is not { } classified)
            return false;
        using var pictures = new LayerSet();
        if (PlanarLayers(classified, pictures) is not { } layers)
            return false;
        _backend.CompositeYuv420Layers(clip.Width, clip.Height, background, CollectionsMarshal.AsSpan(layers), buffer);
        PlanarFrames++;
        return true;
    }

    /// <summary>
    /// The layers with each composite that only groups its layers (a transparent background, no mask, blend mode, opacity or
    /// fade of its own, and every layer inside it) replaced by those layers, moved to where it stands: a subtitle track or a
    /// group of titles over a video then stays planar instead of being one frame-sized picture. Laying the group's layers one
    /// by one is laying the group ("over" is associative), and fully transparent colors, which draw nothing, are left out.
    /// </summary>
    private static IReadOnlyList<LayerPlan> Ungrouped(IReadOnlyList<LayerPlan> active)
    {
        if (!active.Any(l => l.Clip is CompositeClip or ColorClip { Color.A: 0 }))
            return active;
        var layers = new List<LayerPlan>(active.Count);
        foreach (var layer in active)
        {
            if (layer.Clip is ColorClip { Color.A: 0, Mask: null, BlendMode: BlendMode.Normal, FadeInEffect: null, FadeOutEffect: null })
                continue;
            if (layer.Clip is CompositeClip { Mask: null, BlendMode: BlendMode.Normal, Background.A: 0 } group && layer.Opacity >= 1f
                && Timeline.Fades(group, layer.LocalTime).Count == 0
                && Timeline.ActiveLayers(group, Timeline.SourceTime(group, layer.LocalTime) - group.SourceOffset) is var inner
                && inner.All(l => l.X >= 0 && l.Y >= 0 && l.X + l.Clip.Width <= group.Width && l.Y + l.Clip.Height <= group.Height))
            {
                layers.AddRange(Ungrouped(inner).Select(l => l with { X = l.X + layer.X, Y = l.Y + layer.Y }));
                continue;
            }
            layers.Add(layer);
        }
        return layers;
    }

    /// <summary>
    /// Whether <paramref name="layer"/> is an opaque color over the whole frame (the usual <c>Color(w, h, "#202020")</c> under
    /// everything), which is the same as a background of that color.
    /// </summary>
    private static bool IsBackdrop(LayerPlan layer, int width, int height, out Rgba color)
    {
        color = layer.Clip is ColorClip c ? c.Color : default;
        return layer.Clip is ColorClip { Mask: null, BlendMode: BlendMode.Normal } && color.A == 255 && layer.Opacity >= 1f
            && layer.X <= 0 && layer.Y <= 0 && layer.X + layer.Clip.Width >= width && layer.Y + layer.Clip.Height >= height
            && Timeline.Fades(layer.Clip, layer.LocalTime).Count == 0;
    }

    /// <summary>
    /// Each layer with the video it shows when it is planar video (null: a picture), or null when the planar path does not make this
    /// frame well: it needs some video (a frame of stills is faster on the fused RGBA pass), every layer either planar video or a
    /// picture without a mask or blend mode, and the pictures small (together at most a quarter of the frame: each picture pixel costs
    /// about what the RGBA path pays for every pixel, so large pictures gain nothing).
    /// </summary>
    private static List<(LayerPlan Layer, (VideoClip Video, double SourceTime)? Video)>? Classify(IReadOnlyList<LayerPlan> active, int width, int height)
    {
        var classified = new List<(LayerPlan, (VideoClip, double)?)>(active.Count);
        var video = false;
        long pictureArea = 0;
        foreach (var layer in active)
        {
            if (layer.Clip is not { Mask: null, BlendMode: BlendMode.Normal })
                return null;
            var source = PlanarVideo(layer);
            classified.Add((layer, source));
            if (source is not null)
            {
                video = true;
                continue;
            }
            var visibleWidth = Math.Min(width, layer.X + layer.Clip.Width) - Math.Max(0, layer.X);
            var visibleHeight = Math.Min(height, layer.Y + layer.Clip.Height) - Math.Max(0, layer.Y);
            pictureArea += (long)Math.Max(0, visibleWidth) * Math.Max(0, visibleHeight);
        }
        return video && pictureArea * 4 <= (long)width * height ? classified : null;
    }

    /// <summary>
    /// The video and its time when <paramref name="layer"/> (no mask, normal blend mode) is one the planar path makes exactly: a video
    /// (played on its own clock or a remapped one: looped, sped up, reversed) decoded as I420 (any matrix and range: the backend
    /// brings it to the output's BT.709 limited), with an even size and position and at most one fade at this moment; else null.
    /// </summary>
    private static (VideoClip Video, double SourceTime)? PlanarVideo(LayerPlan layer) =>
        Source(layer.Clip, layer.LocalTime) is { Video.Media.HasAlpha: false } source
        && source.Video.Width % 2 == 0 && source.Video.Height % 2 == 0 && layer.X % 2 == 0 && layer.Y % 2 == 0
        && Timeline.Fades(layer.Clip, layer.LocalTime).Count <= 1
            ? source
            : null;

    /// <summary>
    /// The video under <paramref name="clip"/> and the time in it, through time maps whose inner clip changes no pixel then (no mask,
    /// opacity or fade of its own: those the RGBA path bakes in); null for anything else.
    /// </summary>
    private static (VideoClip Video, double SourceTime)? Source(Clip clip, double localTime)
    {
        var time = Timeline.SourceTime(clip, localTime);
        while (clip is TimeMappedClip mapped)
        {
            var innerTime = mapped.Map.Map(time);
            clip = mapped.Inner;
            if (clip.Mask is not null || Timeline.Opacity(clip, innerTime) < 1f || Timeline.Fades(clip, innerTime).Count > 0)
                return null;
            time = Timeline.SourceTime(clip, innerTime);
        }
        return clip is VideoClip video ? (video, time) : null;
    }

    /// <summary>
    /// The layers in order: pictures rendered first (into <paramref name="pictures"/>, which owns them; rendering one may read video, and
    /// the frames held below must not move after), then the videos' decoded frames; or null when two layers would need one reader at
    /// two frames (its buffer holds one frame: the RGBA path, which uploads each frame as it reads it, handles that).
    /// </summary>
    private List<Yuv420Layer>? PlanarLayers(List<(LayerPlan Layer, (VideoClip Video, double SourceTime)? Video)> classified, LayerSet pictures)
    {
        var drawn = new DeviceImage?[classified.Count];
        for (var i = 0; i < classified.Count; i++)
        {
            var (layer, video) = classified[i];
            if (video is null)
                drawn[i] = RenderLayer(layer.Clip, layer.LocalTime, out var lent) is { } owned ? pictures.Own(owned) : lent!;
        }
        var layers = new List<Yuv420Layer>(classified.Count);
        var held = new Dictionary<VideoReader, long>(classified.Count);
        for (var i = 0; i < classified.Count; i++)
        {
            var layer = classified[i].Layer;
            if (classified[i].Video is not { } source)
            {
                layers.Add(Yuv420Layer.Picture(drawn[i]!, layer.X, layer.Y, layer.Opacity));
                continue;
            }
            var (video, sourceTime) = source;
            var index = video.Media.FrameRate.FrameAt(sourceTime);
            var reader = ReaderFor(video, index);
            if (held.TryGetValue(reader, out var heldIndex) && heldIndex != index)
                return null;
            held[reader] = index;
            var frame = reader.ReadFrameMemory(index);
            var fades = Timeline.Fades(layer.Clip, layer.LocalTime);
            var fade = fades.Count > 0 ? fades[0] : default;
            layers.Add(new Yuv420Layer(frame, video.Width, video.Height, layer.X, layer.Y, layer.Opacity, fade.Color, fade.Amount,
                video.Media.Matrix, video.Media.Range));
        }
        return layers;
    }
}
