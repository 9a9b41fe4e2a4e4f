using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Dsl.Time;
using ScriptComposer.Dsl.Transforms;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning;

/// <summary>
/// Turns a clip graph and a moment into a <see cref="FramePlan"/>: which layers show, at which source frames, where, how faded,
/// which fused kernel shape lays them, and whether the frame is mixed in Y'CbCr (the planar path; see
/// <c>FramePlanner.Planar.cs</c>). Pure: no pixels, no files, no backend, so plans are tested on their own and a whole
/// range can be planned before a render starts (<see cref="Needs"/>). Script functions (positions, opacities, angles) are
/// called here. A planner keeps working lists from frame to frame, so planning allocates little; use one per thread.
/// </summary>
public sealed partial class FramePlanner
{
    /// <summary>Whether eligible frames are mixed in Y'CbCr (the default); off, every frame takes the RGBA path (for comparisons).</summary>
    public bool PlanarPath { get; init; } = true;

    /// <summary>The source nodes of still clips, made once per clip: a frame of stills then plans without allocating them again.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Clip, PlanNode> _stillSources = [];

    /// <summary>Lists of active layers, one per nesting level of composites, used again frame after frame.</summary>
    private readonly List<List<ActiveLayer>> _layerLists = [];
    private int _layerListsInUse;

    /// <summary>The plan of <paramref name="clip"/>'s frame at its own time <paramref name="time"/>, delivered as <paramref name="format"/>.</summary>
    public FramePlan Plan(Clip clip, double time, PipeFormat format)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (format == PipeFormat.I420)
        {
            var (planar, refusal) = TryPlanar(clip, time);
            if (planar is not null)
                return new FramePlan(planar, format, null);
            return new FramePlan(Picture(clip, time), format, refusal);
        }
        // Only an output that keeps alpha can show the clip's own mask and opacity; the others show its picture as it is.
        var picture = format == PipeFormat.RgbaStraight ? PictureWithOwnAlpha(clip, time) : Picture(clip, time);
        return new FramePlan(picture, format, PlanarRefusal.RgbaOutput);
    }

    /// <summary>The clip's picture at its own time, with its fades but without its own opacity and mask (a composite applies those).</summary>
    public PlanNode Picture(Clip clip, double localTime)
    {
        var fades = Timeline.Fades(clip, localTime);
        var picture = Source(clip, Timeline.SourceTime(clip, localTime));
        foreach (var fade in fades)
            picture = new FadeNode(picture, fade);
        return picture;
    }

    /// <summary>The clip's picture with its own opacity and mask applied, as a wrapper, or an output with alpha, sees it.</summary>
    public PlanNode PictureWithOwnAlpha(Clip clip, double localTime)
    {
        var picture = Picture(clip, localTime);
        var opacity = Timeline.Opacity(clip, localTime);
        if (clip.Mask is null && opacity >= 1f)
            return picture;
        return new BakeNode(picture, opacity, clip.Mask is { } mask ? Picture(mask, MaskTime(mask, localTime)) : null);
    }

    /// <summary>The mask's own time at its clip's <paramref name="localTime"/>: it starts at its <see cref="Clip.Start"/> there (before, its first frame).</summary>
    private static double MaskTime(Clip mask, double localTime) => Math.Max(0, localTime - mask.Start);

    /// <summary>The source's own picture at its source time <paramref name="sourceTime"/>.</summary>
    private PlanNode Source(Clip clip, double sourceTime) => clip switch
    {
        ColorClip or ImageClip or GradientClip => StillSource(clip),
        VideoClip video => new VideoSource(video.Media, video.Width, video.Height, video.Media.FrameAt(sourceTime)),
        FramesClip frames => new GeneratedSource(frames, sourceTime),
        ImageSequenceClip sequence => new SequenceSource(sequence, (int)Math.Clamp(sequence.Fps.FrameAt(sourceTime), 0, sequence.Files.Count - 1)),
        CompositeClip composite => Composite(composite, sourceTime - composite.SourceOffset),
        TimeMappedClip mapped => PictureWithOwnAlpha(mapped.Inner, mapped.Map.Map(sourceTime)),
        CropClip crop => Cropped(crop, PictureWithOwnAlpha(crop.Inner, sourceTime), sourceTime),
        MarginClip margin => Margined(margin, PictureWithOwnAlpha(margin.Inner, sourceTime), sourceTime),
        ResizeClip resize => Resized(resize, PictureWithOwnAlpha(resize.Inner, sourceTime), sourceTime),
        MinMaxClip minMax => new MinMaxNode(PictureWithOwnAlpha(minMax.Inner, sourceTime), PictureWithOwnAlpha(minMax.Other, sourceTime), minMax.Maximum),
        ScrollClip scroll => Scrolled(scroll, sourceTime),
        SupersampleClip supersample => Supersampled(supersample, sourceTime),
        MapClip map => new MapNode(PictureWithOwnAlpha(map.Inner, sourceTime), map, sourceTime),
        EffectClip { Effect: RotateEffect rotate } effect => Rotated(effect, rotate, PictureWithOwnAlpha(effect.Inner, sourceTime), sourceTime),
        // Only a pixel effect sees the time; leaving it out of the others lets a still stretch of them plan as one frame
        // (an animated effect is resolved to its values at this time first).
        EffectClip effect => new EffectNode(PictureWithOwnAlpha(effect.Inner, sourceTime), effect.Effect.At(sourceTime), effect.Effect is CustomEffect ? sourceTime : 0),
        _ => throw new NotSupportedException($"{clip.Describe()} ({clip.GetType().Name}) cannot be rendered yet."),
    };

    private PlanNode StillSource(Clip clip)
    {
        if (_stillSources.TryGetValue(clip, out var cached))
            return cached;
        PlanNode node = clip switch
        {
            ColorClip color => new ColorSource(color.Width, color.Height, color.Color),
            ImageClip still => new ImageSource(still.Image),
            GradientClip gradient => new GradientSource(gradient.Width, gradient.Height, gradient.Parameters),
            _ => throw new ArgumentException($"{clip.Describe()} is not a still.", nameof(clip)),
        };
        _stillSources.AddOrUpdate(clip, node);
        return node;
    }

    /// <summary>A cleared list of active layers for one nesting level; give it back with <see cref="ReturnLayerList"/>.</summary>
    private List<ActiveLayer> RentLayerList()
    {
        if (_layerLists.Count == _layerListsInUse)
            _layerLists.Add([]);
        var list = _layerLists[_layerListsInUse++];
        list.Clear();
        return list;
    }

    private void ReturnLayerList() => _layerListsInUse--;

    private PlaceNode Scrolled(ScrollClip scroll, double time)
    {
        var (x, y) = scroll.Corner(time);
        return new PlaceNode(PictureWithOwnAlpha(scroll.Inner, time), scroll.Width, scroll.Height, -x, -y, Rgba.Transparent);
    }

    private PlanNode Supersampled(SupersampleClip supersample, double time)
    {
        var frames = new PlanNode[supersample.Count];
        for (var k = 0; k < frames.Length; k++)
            frames[k] = PictureWithOwnAlpha(supersample.Inner, supersample.SampleTime(time, k));
        return new AverageNode(new ValueList<PlanNode>(frames, false));
    }

    private static RotateNode Rotated(EffectClip clip, RotateEffect rotate, PlanNode inner, double time)
    {
        var degrees = rotate.Degrees(time);
        if (!double.IsFinite(degrees))
            throw new ScriptComposerException($"The rotation function of {clip.Describe()} returned {degrees} at {time:0.###} s; it must return a finite angle in degrees.");
        return new RotateNode(inner, clip.Width, clip.Height, (float)degrees, rotate.Background);
    }

    /// <summary>
    /// The composite's layers at its own time in one fused pass: each layer's source picture, its mask, position, opacity and blend
    /// mode, and its last fade folded into the pass (a layer fading in and out at once has the first fade applied before).
    /// </summary>
    private CompositeNode Composite(CompositeClip composite, double localTime)
    {
        var active = RentLayerList();
        try
        {
            Timeline.ActiveLayers(composite, localTime, active);
            var layers = active.Count == 0 ? [] : new CompositeLayer[active.Count];
            for (var i = 0; i < layers.Length; i++)
            {
                var layer = active[i];
                var fades = Timeline.Fades(layer.Clip, layer.LocalTime);
                var picture = Source(layer.Clip, Timeline.SourceTime(layer.Clip, layer.LocalTime));
                if (fades.Count > 1)
                    picture = new FadeNode(picture, fades[0]);
                var mask = layer.Clip.Mask is { } maskClip ? Picture(maskClip, MaskTime(maskClip, layer.LocalTime)) : null;
                layers[i] = new CompositeLayer(picture, layer.X, layer.Y, layer.Opacity, mask, layer.Clip.BlendMode, fades.Count > 0 ? fades[^1] : default);
            }
            if (HasTransition(active))
                return new CompositeNode(composite.Width, composite.Height, composite.Background, WithTransitions(composite, active, layers));
            return new CompositeNode(composite.Width, composite.Height, composite.Background, new ValueList<CompositeLayer>(layers, false));
        }
        finally
        {
            ReturnLayerList();
        }
    }

    /// <summary>
    /// What rendering frames [<paramref name="first"/>, <paramref name="end"/>) of <paramref name="clip"/> at <paramref name="fps"/>
    /// will need, drawn as a render draws them (each after the last: a repeat drawn not at all, a frame that changed in places
    /// drawn only there, see <c>FrameRenderer.ExecuteAfter</c>): every fused kernel shape, and every video frame read (so kernels
    /// can be compiled before frame 0, and a render cut into chunks knows what each chunk reads).
    /// </summary>
    /// <param name="cancellation">Looked at every frame: a long output takes a while to plan, and Ctrl+C stops it.</param>
    public RenderNeeds Needs(Clip clip, FrameRate fps, long first, long end, PipeFormat format, CancellationToken cancellation = default)
    {
        var shapes = new HashSet<ValueList<LayerShape>>();
        var reads = new HashSet<VideoRead>();
        var planar = 0L;
        FramePlan? previous = null;
        for (var index = first; index < end; index++)
        {
            cancellation.ThrowIfCancellationRequested();
            var plan = Plan(clip, fps.TimeOf(index), format);
            if (plan.IsPlanar) planar++;
            if (previous is not null && plan.Equals(previous))
                continue;
            if (previous is not null && plan.Picture is CompositeNode composite && DirtyRegions.Between(previous, plan) is { } regions)
            {
                // Drawn in parts: every layer's picture is drawn whole, then the pass runs once per rectangle, on the layers over it.
                foreach (var layer in composite.Layers)
                {
                    Collect(layer.Picture, shapes, reads);
                    if (layer.Mask is { } mask) Collect(mask, shapes, reads);
                }
                foreach (var region in regions)
                    shapes.Add(ShapeWithin(composite, region));
            }
            else
            {
                Collect(plan.Picture, shapes, reads);
            }
            previous = plan;
        }
        return new RenderNeeds(shapes, reads, end - first, planar);
    }

    /// <summary>The fused shape of the layers of <paramref name="composite"/> that reach into <paramref name="region"/>, as a pass over that region alone sees it.</summary>
    private static ValueList<LayerShape> ShapeWithin(CompositeNode composite, FrameRegion region)
    {
        var shape = new List<LayerShape>(composite.Layers.Count);
        foreach (var layer in composite.Layers)
        {
            var (x, y) = (layer.X - region.X, layer.Y - region.Y);
            if (x < region.Width && (long)x + layer.Picture.Width > 0 && y < region.Height && (long)y + layer.Picture.Height > 0)
                shape.Add(layer.Shape);
        }
        return new ValueList<LayerShape>(shape);
    }

    private static void Collect(PlanNode node, HashSet<ValueList<LayerShape>> shapes, HashSet<VideoRead> reads)
    {
        switch (node)
        {
            case VideoSource video:
                reads.Add(new VideoRead(video.Media.Path, video.Width, video.Height, video.Frame));
                break;
            case CompositeNode composite:
                shapes.Add(composite.Shape);
                foreach (var layer in composite.Layers)
                {
                    Collect(layer.Picture, shapes, reads);
                    if (layer.Mask is { } mask) Collect(mask, shapes, reads);
                }
                break;
            case PlanarCompositeNode planar:
                foreach (var layer in planar.Layers)
                {
                    if (layer.Video is { } source) Collect(source, shapes, reads);
                    if (layer.Picture is { } picture) Collect(picture, shapes, reads);
                }
                break;
            case FadeNode fade:
                Collect(fade.Inner, shapes, reads);
                break;
            case BakeNode bake:
                Collect(bake.Inner, shapes, reads);
                if (bake.Mask is { } bakeMask) Collect(bakeMask, shapes, reads);
                break;
            case PlaceNode place:
                Collect(place.Inner, shapes, reads);
                break;
            case ResizeNode resize:
                Collect(resize.Inner, shapes, reads);
                break;
            case EffectNode effect:
                Collect(effect.Inner, shapes, reads);
                break;
            case RotateNode rotate:
                Collect(rotate.Inner, shapes, reads);
                break;
            case MinMaxNode minMax:
                Collect(minMax.Inner, shapes, reads);
                Collect(minMax.Other, shapes, reads);
                break;
            case AverageNode average:
                foreach (var frame in average.Frames)
                    Collect(frame, shapes, reads);
                break;
            case MapNode map:
                Collect(map.Inner, shapes, reads);
                break;
            case TransitionNode transition:
                Collect(transition.From, shapes, reads);
                Collect(transition.To, shapes, reads);
                break;
        }
    }
}
