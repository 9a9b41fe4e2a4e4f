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
        shown is CompositeClip composite ? Layers(composite, duration, names, names.Shown, "") : [Track(shown, "0", null, 0, duration, names, null)];

    /// <summary>The layer at <paramref name="id"/> ("2", "2.0"), its composite and that composite's time at the parent's <paramref name="time"/>.</summary>
    public static LayerProperties? Properties(Clip shown, double time, string id, ScriptNames names)
    {
        var track = Find(Tracks(shown, shown.Duration ?? 0, names), id);
        if (track is null)
            return null;
        var path = id.Split('.').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (shown is not CompositeClip)
            return Describe(shown, track, null, time);
        CompositeClip parent = (CompositeClip)shown;
        var parentTime = time + parent.SourceOffset;
        Clip layer = parent.Layers[path[0]];
        for (var depth = 1; depth < path.Length; depth++)
        {
            if (layer is not CompositeClip inner || Timeline.LocalTime(layer, parentTime) is not { } local)
                return Describe(layer, track with { Id = id }, null, double.NaN) with { Showing = false };
            parent = inner;
            parentTime = local + inner.SourceOffset;
            layer = inner.Layers[path[depth]];
        }
        return Describe(layer, track, parent, parentTime);
    }

    private static LayerProperties Describe(Clip layer, TimelineTrack track, CompositeClip? parent, double parentTime)
    {
        var local = double.IsNaN(parentTime) ? null : parent is null ? (double?)parentTime : Timeline.LocalTime(layer, parentTime);
        (int X, int Y)? at = local is { } t && parent is not null && layer.HasPicture
            ? layer.Position.Resolve(t, parent.Width, parent.Height, layer.Width, layer.Height)
            : local is not null && parent is null ? (0, 0) : null;
        double? opacity = local is { } lt && layer.HasPicture ? Timeline.Opacity(layer, lt) : null;
        return new LayerProperties(track.Id, track.Name, track.Source, [.. layer.InputFiles().Distinct(StringComparer.Ordinal)],
            layer.HasPicture ? layer.Width : 0, layer.HasPicture ? layer.Height : 0, track.Start, track.End,
            double.IsNaN(parentTime) ? 0 : parentTime, local is not null, at?.X, at?.Y, opacity, Effects(layer));
    }

    private static TimelineTrack? Find(IReadOnlyList<TimelineTrack> tracks, string id)
    {
        foreach (var track in tracks)
        {
            if (track.Id == id) return track;
            if (id.StartsWith(track.Id + ".", StringComparison.Ordinal) && Find(track.Layers, id) is { } inner) return inner;
        }
        return null;
    }

    private static List<TimelineTrack> Layers(CompositeClip composite, double duration, ScriptNames names, ExpressionSyntax? expression, string prefix)
    {
        var written = names.Layers(expression);
        if (written is not null && written.Count != composite.Layers.Count)
            written = null;
        // Layers are placed on the composite's own content; a Subclip of it shows that from its SourceOffset on (so a layer may
        // start before the shown clip does, or end before it: the page draws only what shows).
        var offset = composite.SourceOffset;
        double Shown(double contentTime) => contentTime - offset;
        return [.. composite.Layers.Select((layer, i) =>
            Track(layer, prefix + i.ToString(CultureInfo.InvariantCulture), written?[i].Name, Shown(layer.Start), Shown(layer.End ?? offset + duration), names,
                written?[i].Expression))];
    }

    private static TimelineTrack Track(Clip clip, string id, string? name, double start, double end, ScriptNames names, ExpressionSyntax? expression)
    {
        var leaf = Leaf(clip);
        var source = Source(leaf);
        var nested = clip is CompositeClip composite
            ? Layers(composite, composite.Duration ?? end - start, names, expression, id + ".")
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
        while (true)
        {
            switch (clip)
            {
                case EffectClip e: clip = e.Inner; break;
                case ResizeClip r: clip = r.Inner; break;
                case CropClip c: clip = c.Inner; break;
                case MarginClip m: clip = m.Inner; break;
                case TimeMappedClip t: clip = t.Inner; break;
                case MapClip map: clip = map.Inner; break;
                default: return clip;
            }
        }
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
            var inner = c switch { EffectClip e => e.Inner, ResizeClip r => r.Inner, CropClip cr => cr.Inner, MarginClip m => m.Inner, TimeMappedClip t => t.Inner, MapClip map => map.Inner, _ => null };
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
