using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Dsl.Time;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning;

/// <summary>
/// The planar path: a frame made of decoded video (a grid, a crossfade, a trimmed or faded clip), with perhaps a few small pictures
/// over it (a logo, a title), is mixed in I420, the decoders' format and the encoder's: no conversion to RGBA and back, and an
/// opaque BT.709 layer is a copy of its planes. Any other frame takes the RGBA path.
/// </summary>
public sealed partial class FramePlanner
{
    /// <summary>The planar composite of <paramref name="clip"/>'s frame at <paramref name="time"/>, or why there is none.</summary>
    private (PlanarCompositeNode? Planar, PlanarRefusal? Refusal) TryPlanar(Clip clip, double time)
    {
        if (!PlanarPath)
            return (null, PlanarRefusal.TurnedOff);
        if (clip.Width % 2 != 0 || clip.Height % 2 != 0)
            return (null, PlanarRefusal.OddSize);
        if (clip is CompositeClip && Timeline.Fades(clip, time).Count > 0)
            return (null, PlanarRefusal.FrameFades);
        if (clip is not (CompositeClip or VideoClip or TimeMappedClip))
            return (null, PlanarRefusal.NotComposite);
        var active = RentLayerList();
        try
        {
            var background = Rgba.Black;
            if (clip is CompositeClip composite)
            {
                AddUngrouped(composite, Timeline.SourceTime(clip, time) - composite.SourceOffset, 0, 0, active);
                background = composite.Background;
            }
            else
            {
                active.Add(new ActiveLayer(clip, time, 0, 0, 1f));
            }
            if (HasTransition(active))
                return (null, PlanarRefusal.Transition);
            var first = 0;
            if (active.Count > 0 && IsBackdrop(active[0], clip.Width, clip.Height, out var backdrop))
                (first, background) = (1, backdrop);
            var layers = Classify(active, first, clip.Width, clip.Height, out var refusal);
            if (layers is null)
                return (null, refusal);
            return (new PlanarCompositeNode(clip.Width, clip.Height, background, new ValueList<PlanarLayer>(layers, false)), null);
        }
        finally
        {
            ReturnLayerList();
        }
    }

    /// <summary>
    /// Adds the layers of <paramref name="composite"/> at its time <paramref name="time"/>, moved by (<paramref name="dx"/>, <paramref name="dy"/>),
    /// with each composite among them that only groups its layers (a transparent background, no mask, blend mode, opacity or fade of its
    /// own, and every layer inside it) replaced by those layers, moved to where it stands: a subtitle track or a group of titles over a
    /// video then stays planar instead of being one frame-sized picture. Laying the group's layers one by one is laying the group
    /// ("over" is associative), and fully transparent colors, which draw nothing, are left out.
    /// </summary>
    private void AddUngrouped(CompositeClip composite, double time, int dx, int dy, List<ActiveLayer> into)
    {
        var start = into.Count;
        Timeline.ActiveLayers(composite, time, into);
        var end = into.Count;
        for (var i = start; i < end; i++)
        {
            var layer = into[i];
            if (layer.Clip is ColorClip { Color.A: 0, Mask: null, BlendMode: BlendMode.Normal, FadeInEffect: null, FadeOutEffect: null })
                continue;
            if (layer.Clip is CompositeClip { Mask: null, BlendMode: BlendMode.Normal, Background.A: 0 } group && layer.Opacity >= 1f
                && Timeline.Fades(group, layer.LocalTime).Count == 0 && Transitions.TransitionTiming.Progress(group, layer.LocalTime) is null
                && IsInside(group, layer.LocalTime))
            {
                AddUngrouped(group, Timeline.SourceTime(group, layer.LocalTime) - group.SourceOffset, dx + layer.X, dy + layer.Y, into);
                continue;
            }
            into.Add(layer with { X = layer.X + dx, Y = layer.Y + dy });
        }
        into.RemoveRange(start, end - start);
    }

    /// <summary>Whether every layer of <paramref name="group"/> showing at its time lies wholly inside it (so laying them one by one clips nothing differently).</summary>
    private bool IsInside(CompositeClip group, double localTime)
    {
        var inner = RentLayerList();
        try
        {
            Timeline.ActiveLayers(group, Timeline.SourceTime(group, localTime) - group.SourceOffset, inner);
            foreach (var l in inner)
            {
                if (l.X < 0 || l.Y < 0 || l.X + l.Clip.Width > group.Width || l.Y + l.Clip.Height > group.Height)
                    return false;
            }
            return true;
        }
        finally
        {
            ReturnLayerList();
        }
    }

    /// <summary>
    /// Whether <paramref name="layer"/> is an opaque color over the whole frame (the usual <c>Color(w, h, "#202020")</c> under
    /// everything), which is the same as a background of that color.
    /// </summary>
    private static bool IsBackdrop(ActiveLayer layer, int width, int height, out Rgba color)
    {
        color = layer.Clip is ColorClip c ? c.Color : default;
        return layer.Clip is ColorClip { Mask: null, BlendMode: BlendMode.Normal } && color.A == 255 && layer.Opacity >= 1f
            && layer.X <= 0 && layer.Y <= 0 && layer.X + layer.Clip.Width >= width && layer.Y + layer.Clip.Height >= height
            && Timeline.Fades(layer.Clip, layer.LocalTime).Count == 0;
    }

    /// <summary>
    /// Each layer as planar video or as a picture over it, or why the planar path does not make this frame well: it needs some
    /// video (a frame of stills is faster on the fused RGBA pass), every layer either planar video or a picture without a mask or
    /// blend mode, and the pictures small (together at most a quarter of the frame: each picture pixel costs about what the RGBA
    /// path pays for every pixel, so large pictures gain nothing).
    /// </summary>
    private PlanarLayer[]? Classify(List<ActiveLayer> active, int first, int width, int height, out PlanarRefusal? refusal)
    {
        var layers = new PlanarLayer[active.Count - first];
        var video = false;
        long pictureArea = 0;
        for (var i = 0; i < layers.Length; i++)
        {
            var layer = active[first + i];
            if (layer.Clip is not { Mask: null, BlendMode: BlendMode.Normal })
            {
                refusal = PlanarRefusal.MaskOrBlendMode;
                return null;
            }
            if (PlanarVideo(layer) is { } source)
            {
                var fades = Timeline.Fades(layer.Clip, layer.LocalTime);
                layers[i] = new PlanarLayer(source, null, layer.X, layer.Y, layer.Opacity, fades.Count > 0 ? fades[0] : default);
                video = true;
                continue;
            }
            layers[i] = new PlanarLayer(null, Picture(layer.Clip, layer.LocalTime), layer.X, layer.Y, layer.Opacity, default);
            var visibleWidth = Math.Min(width, layer.X + layer.Clip.Width) - Math.Max(0, layer.X);
            var visibleHeight = Math.Min(height, layer.Y + layer.Clip.Height) - Math.Max(0, layer.Y);
            pictureArea += (long)Math.Max(0, visibleWidth) * Math.Max(0, visibleHeight);
        }
        refusal = !video ? PlanarRefusal.NoVideo : pictureArea * 4 > (long)width * height ? PlanarRefusal.LargePictures : null;
        return refusal is null ? layers : null;
    }

    /// <summary>
    /// The video frame <paramref name="layer"/> (no mask, normal blend mode) shows when it is one the planar path makes exactly: a video
    /// (played on its own clock or a remapped one: looped, sped up, reversed) decoded as I420 (any matrix and range: the backend
    /// brings it to the output's BT.709 limited), with an even size and position and at most one fade at this moment; else null.
    /// </summary>
    private static VideoSource? PlanarVideo(ActiveLayer layer) =>
        UnderlyingVideo(layer.Clip, layer.LocalTime) is { Video.Media.ReadsAsI420: true } source
        && source.Video.Width % 2 == 0 && source.Video.Height % 2 == 0 && layer.X % 2 == 0 && layer.Y % 2 == 0
        && Timeline.Fades(layer.Clip, layer.LocalTime).Count <= 1
            ? new VideoSource(source.Video.Media, source.Video.Width, source.Video.Height, source.Video.Media.FrameAt(source.SourceTime))
            : null;

    /// <summary>
    /// The video under <paramref name="clip"/> and the time in it, through time maps whose inner clip changes no pixel then (no mask,
    /// opacity or fade of its own: those the RGBA path bakes in); null for anything else.
    /// </summary>
    private static (VideoClip Video, double SourceTime)? UnderlyingVideo(Clip clip, double localTime)
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
}
