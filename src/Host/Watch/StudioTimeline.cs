using System.Globalization;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Layout;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Time;
using ScriptComposer.Dsl.Transforms;
using ScriptComposer.Gpu;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// The clip graph as the studio draws it: the layers of the previewed composite (and of composites inside it) as
/// <see cref="TimelineTrack"/>s, and a selected layer's <see cref="LayerProperties"/>. Tracks read only the clips' values;
/// properties call the script's functions (positions, opacities), so they are asked on the script worker.
/// </summary>
internal static class StudioTimeline
{
    public static IReadOnlyList<TimelineTrack> Tracks(Clip shown, double duration, ScriptNames names) =>
        Unfold(shown) is { } unfolded
            ? Layers(unfolded.Composite, duration, names, names.Shown, "", WrapperOffset(unfolded.Wrappers))
            : [Track(shown, "0", null, 0, duration, names, null)];

    /// <summary>
    /// The layer at <paramref name="id"/> ("2", "2.0"), its composite and that composite's time at the parent's <paramref name="time"/>;
    /// its place and size are in its parent's box as the parent shows it (through a resize of the parent, scaled).
    /// </summary>
    public static LayerProperties? Properties(Clip shown, double time, string id, ScriptNames names)
    {
        var track = Find(Tracks(shown, shown.Duration ?? 0, names), id);
        if (track is null)
            return null;
        var path = id.Split('.').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (Unfold(shown) is not { } top)
            return Describe(shown, track, null, time, PicturePlacement.Identity);
        var (parent, parentTime, place) = Inside(top, time);
        Clip layer = parent.Layers[path[0]];
        for (var depth = 1; depth < path.Length; depth++)
        {
            if (Unfold(layer) is not { } inner || Timeline.LocalTime(layer, parentTime) is not { } local)
                return Describe(layer, track with { Id = id }, null, double.NaN, PicturePlacement.Identity) with { Showing = false };
            (parent, parentTime, place) = Inside(inner, local);
            layer = parent.Layers[path[depth]];
        }
        return Describe(layer, track, parent, parentTime, place);
    }

    /// <param name="place">Where the parent's picture lands in the box it shows in (null: moved in a way not known here, as by a rotation).</param>
    private static LayerProperties Describe(Clip layer, TimelineTrack track, CompositeClip? parent, double parentTime, PicturePlacement? place)
    {
        var local = double.IsNaN(parentTime) ? null : parent is null ? (double?)parentTime : Timeline.LocalTime(layer, parentTime);
        (int X, int Y, int Width, int Height)? at = local is { } t && parent is not null && layer.HasPicture
            ? place?.Of(layer.Position.Resolve(t, parent.Width, parent.Height, layer.Width, layer.Height), layer.Width, layer.Height)
            : local is not null && parent is null ? (0, 0, layer.Width, layer.Height) : null;
        var (width, height) = at is { } box ? (box.Width, box.Height) : (layer.Width, layer.Height);
        double? opacity = local is { } lt && layer.HasPicture ? Timeline.Opacity(layer, lt) : null;
        return new LayerProperties(track.Id, track.Name, track.Source, [.. layer.InputFiles().Distinct(StringComparer.Ordinal)],
            layer.HasPicture ? width : 0, layer.HasPicture ? height : 0, track.Start, track.End,
            double.IsNaN(parentTime) ? 0 : parentTime, local is not null, at?.X, at?.Y, opacity, Effects(layer));
    }

    /// <summary>
    /// The composite a clip shows under transforms that keep its time (resize, crop, margin, <c>Map</c>, effects), with those
    /// transforms outermost first; null when it shows none (or only through a time map, whose layers' times are not the clip's).
    /// </summary>
    internal static (CompositeClip Composite, IReadOnlyList<Clip> Wrappers)? Unfold(Clip clip)
    {
        var wrappers = new List<Clip>();
        while (true)
        {
            switch (clip)
            {
                case CompositeClip composite:
                    return (composite, wrappers);
                case EffectClip or ResizeClip or CropClip or MarginClip or MapClip:
                    wrappers.Add(clip);
                    clip = InnerOf(clip)!;
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>How much later in its own time a composite under <paramref name="wrappers"/> is than the outermost one (their Subclips).</summary>
    internal static double WrapperOffset(IReadOnlyList<Clip> wrappers) => wrappers.Sum(w => w.SourceOffset);

    /// <summary>
    /// An unfolded clip at its own time <paramref name="local"/>: its composite, that composite's content time (where its layers
    /// are placed), and where the composite's picture lands in the clip's box.
    /// </summary>
    private static (CompositeClip Composite, double ContentTime, PicturePlacement? Place) Inside((CompositeClip Composite, IReadOnlyList<Clip> Wrappers) unfolded, double local)
    {
        var (composite, wrappers) = unfolded;
        // Each transform sees its own source time (its clip's time plus its Subclip), and passes that on as its inner clip's time.
        var times = new double[wrappers.Count];
        var time = local;
        for (var i = 0; i < wrappers.Count; i++)
            times[i] = time += wrappers[i].SourceOffset;
        PicturePlacement? place = PicturePlacement.Identity;
        for (var i = wrappers.Count - 1; i >= 0 && place is not null; i--)
            place = PicturePlacement.Step(wrappers[i], times[i]) is { } step ? place.Value.Then(step) : null;
        return (composite, time + composite.SourceOffset, place);
    }

    private static Clip? InnerOf(Clip clip) => clip switch
    {
        EffectClip e => e.Inner,
        ResizeClip r => r.Inner,
        CropClip c => c.Inner,
        MarginClip m => m.Inner,
        TimeMappedClip t => t.Inner,
        MapClip map => map.Inner,
        _ => null,
    };

    private static TimelineTrack? Find(IReadOnlyList<TimelineTrack> tracks, string id)
    {
        foreach (var track in tracks)
        {
            if (track.Id == id) return track;
            if (id.StartsWith(track.Id + ".", StringComparison.Ordinal) && Find(track.Layers, id) is { } inner) return inner;
        }
        return null;
    }

    /// <param name="wrapperOffset">The Subclips of the transforms over the composite (<see cref="WrapperOffset"/>), which shift it as its own does.</param>
    private static List<TimelineTrack> Layers(CompositeClip composite, double duration, ScriptNames names, ExpressionSyntax? expression, string prefix,
        double wrapperOffset)
    {
        var written = names.Layers(expression);
        if (written is not null && written.Count != composite.Layers.Count)
            written = null;
        // Layers are placed on the composite's own content; a Subclip of it shows that from its SourceOffset on (so a layer may
        // start before the shown clip does, or end before it: the page draws only what shows).
        var offset = composite.SourceOffset + wrapperOffset;
        double Shown(double contentTime) => contentTime - offset;
        return [.. composite.Layers.Select((layer, i) =>
            Track(layer, prefix + i.ToString(CultureInfo.InvariantCulture), written?[i].Name, Shown(layer.Start), Shown(layer.End ?? offset + duration), names,
                written?[i].Expression))];
    }

    private static TimelineTrack Track(Clip clip, string id, string? name, double start, double end, ScriptNames names, ExpressionSyntax? expression)
    {
        var leaf = Leaf(clip);
        var source = Source(leaf);
        // A composite under a resize, crop, Map or effect unfolds as one shown as it is.
        var nested = Unfold(clip) is { } unfolded
            ? Layers(unfolded.Composite, clip.Duration ?? end - start, names, expression, id + ".", WrapperOffset(unfolded.Wrappers))
            : [];
        return new TimelineTrack(id, name ?? FileName(leaf) ?? source, Kind(leaf), source, start, end, clip.HasPicture,
            HasSound(clip),
            clip.FadeInEffect?.Duration ?? 0, clip.FadeOutEffect?.Duration ?? 0, clip.CrossFadeInDuration ?? 0, clip.CrossFadeOutDuration ?? 0,
            clip.AudioFadeInDuration ?? 0, clip.AudioFadeOutDuration ?? 0, nested);
    }

    /// <summary>Whether the clip carries sound, from its values alone (no file is probed).</summary>
    private static bool HasSound(Clip clip) => !clip.AudioMuted && (clip.AudioReplacement is not null || Leaf(clip) switch
    {
        AudioClip => true,
        VideoClip video => video.Media.HasAudio,
        CompositeClip composite => composite.Layers.Any(HasSound),
        _ => false,
    });

    /// <summary>The clip under its transforms: what it shows before it is resized, cropped, sped up or filtered.</summary>
    private static Clip Leaf(Clip clip)
    {
        while (InnerOf(clip) is { } inner)
            clip = inner;
        return clip;
    }

    private static string Source(Clip leaf) => leaf switch
    {
        VideoClip video => video.Media.Path,
        ImageClip { Image.IsFile: true } image => image.Image.Path,
        AudioClip { Source: FileAudio file } => file.Path,
        _ => leaf.Describe(),
    };

    private static string? FileName(Clip leaf) => leaf switch
    {
        VideoClip or ImageClip { Image.IsFile: true } or AudioClip { Source: FileAudio } => Path.GetFileName(Source(leaf)),
        _ => null,
    };

    private static string Kind(Clip leaf) => leaf switch
    {
        VideoClip => "video",
        ImageClip { Image.IsFile: true } => "image",
        ImageClip => "text",
        ImageSequenceClip => "sequence",
        ColorClip => "color",
        GradientClip => "gradient",
        AudioClip => "audio",
        CompositeClip => "composite",
        FramesClip => "frames",
        _ => "clip",
    };

    /// <summary>What is done to the clip, innermost first: transforms, then its own fades, opacity, mask and blending.</summary>
    private static List<string> Effects(Clip clip)
    {
        var effects = new List<string>();
        var chain = new List<Clip>();
        for (var c = clip; ; )
        {
            chain.Add(c);
            var inner = InnerOf(c);
            if (inner is null) break;
            c = inner;
        }
        chain.Reverse();
        foreach (var c in chain)
        {
            switch (c)
            {
                case EffectClip e: effects.Add(e.Effect.GetType().Name.Replace("Effect", "", StringComparison.Ordinal)); break;
                case ResizeClip r: effects.Add(string.Create(CultureInfo.InvariantCulture, $"Resize to {r.TargetWidth}x{r.TargetHeight} ({r.Filter.ToString().ToLowerInvariant()})")); break;
                case CropClip cr: effects.Add(string.Create(CultureInfo.InvariantCulture, $"Crop {cr.CropWidth}x{cr.CropHeight} at ({cr.X}, {cr.Y})")); break;
                case MarginClip: effects.Add("Margin"); break;
                case MapClip: effects.Add("Map"); break;
                case TimeMappedClip t: effects.Add(t.Map switch
                {
                    SpeedMap s => string.Create(CultureInfo.InvariantCulture, $"Speed ×{s.Factor:0.###}"),
                    ReverseMap => "Reverse",
                    LoopMap => "Loop",
                    FreezeMap f => string.Create(CultureInfo.InvariantCulture, $"Freeze at {f.At:0.###} s for {f.Hold:0.###} s"),
                    CutOutMap x => string.Create(CultureInfo.InvariantCulture, $"CutOut {x.From:0.###}–{x.To:0.###} s"),
                    TimeFunctionMap => "MapTime",
                    _ => t.Map.GetType().Name,
                }); break;
            }
            Own(c, effects);
        }
        return effects;
    }

    private static void Own(Clip c, List<string> effects)
    {
        static string S(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        if (c.FadeInEffect is { } fadeIn) effects.Add($"FadeIn {S(fadeIn.Duration)} s");
        if (c.FadeOutEffect is { } fadeOut) effects.Add($"FadeOut {S(fadeOut.Duration)} s");
        if (c.CrossFadeInDuration is { } crossIn) effects.Add($"CrossFadeIn {S(crossIn)} s");
        if (c.CrossFadeOutDuration is { } crossOut) effects.Add($"CrossFadeOut {S(crossOut)} s");
        if (c.TransitionInEffect is { } transition) effects.Add($"TransitionIn {transition.Name} {S(transition.Duration)} s");
        if (c.OpacityFactor != 1) effects.Add($"Opacity {S(c.OpacityFactor)}");
        if (c.OpacityCurve is not null) effects.Add("Opacity over time");
        if (c.Position is AnimatedPosition) effects.Add("Moves over time");
        if (c.Mask is { } mask) effects.Add($"Mask: {mask.Describe()}");
        if (c.BlendMode != BlendMode.Normal) effects.Add($"Blend {c.BlendMode.ToString().ToLowerInvariant()}");
        if (c.AudioVolume != 1 || c.AudioVolumeCurve is not null) effects.Add(c.AudioVolumeCurve is null ? $"Volume ×{S(c.AudioVolume)}" : "Volume over time");
        if (c.AudioFadeInDuration is { } audioIn) effects.Add($"AudioFadeIn {S(audioIn)} s");
        if (c.AudioFadeOutDuration is { } audioOut) effects.Add($"AudioFadeOut {S(audioOut)} s");
        if (c.AudioMuted) effects.Add("Without audio");
    }
}
