using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Time;
using ScriptComposer.Dsl.Transforms;
using ScriptComposer.Dsl.Transitions;
using ScriptComposer.Gpu;

namespace ScriptComposer.Tests.Planning;

/// <summary>
/// The clip graph drawn the plain way, as a reading of the DSL's meaning with no plan, cache or fused pass: every clip drawn on
/// its own, faded on a copy, wrapped clips baked with their opacity and mask, and each layer of a composite laid with one unfused
/// <see cref="IComputeBackend.Composite"/>. The fused pass is defined to give the same bytes, so a planned render must match it exactly.
/// </summary>
internal sealed class ReferenceRenderer(IComputeBackend backend)
{
    /// <summary>The clip's picture at its own time, with its fades but not its own opacity and mask.</summary>
    public DeviceImage Picture(Clip clip, double time)
    {
        var image = Source(clip, time + clip.SourceOffset);
        foreach (var fade in Timeline.Fades(clip, time))
            backend.Fade(image, fade.Color, fade.Amount);
        return image;
    }

    /// <summary>The clip's picture with its own opacity and mask, on a transparent picture of its size.</summary>
    public DeviceImage Baked(Clip clip, double time)
    {
        using var picture = Picture(clip, time);
        using var mask = clip.Mask is { } maskClip ? Picture(maskClip, time) : null;
        return Place(picture, picture.Width, picture.Height, 0, 0, Rgba.Transparent, Timeline.Opacity(clip, time), mask);
    }

    private DeviceImage Source(Clip clip, double time)
    {
        switch (clip)
        {
            case ColorClip color:
                var filled = backend.Allocate(color.Width, color.Height);
                backend.Fill(filled, color.Color);
                return filled;
            case GradientClip gradient:
                var drawn = backend.Allocate(gradient.Width, gradient.Height);
                backend.Gradient(drawn, gradient.Parameters);
                return drawn;
            case ImageClip still:
                var uploaded = backend.Allocate(still.Width, still.Height);
                backend.Upload(still.Image.Pixels.Span, uploaded);
                return uploaded;
            case FramesClip frames:
                var pixels = new byte[frames.Width * frames.Height * 4];
                frames.Generator(time, pixels);
                var generated = backend.Allocate(frames.Width, frames.Height);
                backend.Upload(pixels, generated);
                backend.Premultiply(generated);
                return generated;
            case CompositeClip composite:
                var layers = Timeline.ActiveLayers(composite, time - composite.SourceOffset);
                var canvas = backend.Allocate(composite.Width, composite.Height);
                backend.Fill(canvas, composite.Background);
                var last = LastInTransition(layers, layers.Count);
                if (last >= 0)
                {
                    using var transition = TransitionOf(layers, last, composite.Width, composite.Height);
                    backend.Composite(canvas, transition, new CompositeParams(0, 0));
                }
                for (var i = last + 1; i < layers.Count; i++)
                    Lay(canvas, layers[i]);
                return canvas;
            case TimeMappedClip mapped:
                return Baked(mapped.Inner, mapped.Map.Map(time));
            case CropClip crop:
                using (var inner = Baked(crop.Inner, time))
                {
                    if (crop.RectangleAt is not { } rectangle)
                        return Place(inner, crop.Width, crop.Height, -crop.X, -crop.Y, Rgba.Transparent);
                    var (x, y, w, h) = rectangle(time);
                    using var cut = Place(inner, w, h, -x, -y, Rgba.Transparent);
                    return Place(cut, crop.Width, crop.Height, (crop.Width - w) / 2, (crop.Height - h) / 2, Rgba.Transparent);
                }
            case MarginClip margin:
                using (var inner = Baked(margin.Inner, time))
                {
                    if (margin.SidesAt is not { } sidesAt)
                        return Bordered(inner, margin.Width, margin.Height, margin.Left, margin.Top, margin.Color);
                    var (left, right, top, bottom) = sidesAt(time);
                    var (w, h) = (inner.Width + left + right, inner.Height + top + bottom);
                    using var bordered = Bordered(inner, w, h, left, top, margin.Color);
                    return Place(bordered, margin.Width, margin.Height, (margin.Width - w) / 2, (margin.Height - h) / 2, Rgba.Transparent);
                }
            case ResizeClip resize:
                using (var inner = Baked(resize.Inner, time))
                {
                    var (w, h) = resize.SizeAt is { } sizeAt ? sizeAt(time) : (resize.Width, resize.Height);
                    var resized = backend.Allocate(w, h);
                    backend.Resize(inner, resized, resize.Filter);
                    if (resize.SizeAt is null)
                        return resized;
                    using (resized)
                        return Place(resized, resize.Width, resize.Height, (resize.Width - w) / 2, (resize.Height - h) / 2, Rgba.Transparent);
                }
            case MapClip map:
                using (var inner = Baked(map.Inner, time))
                {
                    var bytes = new byte[inner.ByteCount];
                    backend.Download(inner, bytes);
                    var output = map.Function(time, Image.FromPremultiplied(bytes, inner.Width, inner.Height));
                    var mapped = backend.Allocate(output.Width, output.Height);
                    backend.Upload(output.Bytes, mapped);
                    backend.Premultiply(mapped);
                    return mapped;
                }
            case EffectClip effect:
                return Effected(effect with { Effect = effect.Effect.At(time) }, Baked(effect.Inner, time), time);
            case MinMaxClip minMax:
            {
                var target = Baked(minMax.Inner, time);
                using var other = Baked(minMax.Other, time);
                backend.MinMax(target, other, minMax.Maximum);
                return target;
            }
            case ScrollClip scroll:
                using (var inner = Baked(scroll.Inner, time))
                {
                    var (x, y) = scroll.Corner(time);
                    return Place(inner, scroll.Width, scroll.Height, -x, -y, Rgba.Transparent);
                }
            case SupersampleClip supersample:
            {
                var frames = Enumerable.Range(0, supersample.Count).Select(k => Baked(supersample.Inner, supersample.SampleTime(time, k))).ToList();
                try
                {
                    var mean = backend.Allocate(supersample.Width, supersample.Height);
                    backend.Average(frames, mean);
                    return mean;
                }
                finally
                {
                    foreach (var frame in frames) frame.Dispose();
                }
            }
            default:
                throw new NotSupportedException($"The reference renderer does not draw {clip.GetType().Name}.");
        }
    }

    private void Lay(DeviceImage canvas, ActiveLayer layer)
    {
        using var picture = Picture(layer.Clip, layer.LocalTime);
        using var mask = layer.Clip.Mask is { } maskClip ? Picture(maskClip, layer.LocalTime) : null;
        backend.Composite(canvas, picture, new CompositeParams(layer.X, layer.Y, layer.Opacity, mask, layer.Clip.BlendMode));
    }

    private static int LastInTransition(IReadOnlyList<ActiveLayer> layers, int count)
    {
        for (var i = count - 1; i >= 0; i--)
            if (TransitionTiming.Progress(layers[i].Clip, layers[i].LocalTime) is not null)
                return i;
        return -1;
    }

    /// <summary>Layers [0, count) laid one by one on a transparent canvas, each coming in with its transition.</summary>
    private DeviceImage Stack(IReadOnlyList<ActiveLayer> layers, int count, int width, int height)
    {
        var canvas = backend.Allocate(width, height);
        backend.Fill(canvas, Rgba.Transparent);
        var last = LastInTransition(layers, count);
        if (last >= 0)
        {
            using var transition = TransitionOf(layers, last, width, height);
            backend.Composite(canvas, transition, new CompositeParams(0, 0));
        }
        for (var i = last + 1; i < count; i++)
            Lay(canvas, layers[i]);
        return canvas;
    }

    /// <summary>Layer <paramref name="index"/>'s transition: from the layers under it to those layers with it laid over them.</summary>
    private DeviceImage TransitionOf(IReadOnlyList<ActiveLayer> layers, int index, int width, int height)
    {
        var layer = layers[index];
        var transition = layer.Clip.TransitionInEffect!;
        var progress = TransitionTiming.Progress(layer.Clip, layer.LocalTime)!.Value;
        using var from = Stack(layers, index, width, height);
        using var to = Place(from, width, height, 0, 0, Rgba.Transparent);
        Lay(to, layer);
        var target = backend.Allocate(width, height);
        if (transition.Effect is { } effect)
            backend.ApplyTransitionEffect(from, to, target, effect, progress);
        else
            backend.Transition(from, to, target, new TransitionParams(transition.Kind, progress, transition.Color));
        return target;
    }

    private DeviceImage Effected(EffectClip clip, DeviceImage inner, double time)
    {
        switch (clip.Effect)
        {
            case ColorEffect color:
                backend.AdjustColors(inner, color.Parameters);
                return inner;
            case BlurEffect blur:
                backend.GaussianBlur(inner, inner, blur.Sigma);
                return inner;
            case LumContrastEffect lum:
                backend.LumContrast(inner, lum.Lum, lum.Contrast, lum.Threshold);
                return inner;
            case ChromaKeyEffect key:
                backend.ChromaKey(inner, key.Parameters);
                return inner;
        }
        using (inner)
        {
            var target = backend.Allocate(clip.Width, clip.Height);
            switch (clip.Effect)
            {
                case MirrorEffect { Horizontal: true }:
                    backend.MirrorX(inner, target);
                    break;
                case MirrorEffect:
                    backend.MirrorY(inner, target);
                    break;
                case PaintingEffect painting:
                    backend.Painting(inner, target, painting.Saturation, painting.Black);
                    break;
                case RotateEffect rotate:
                    backend.Rotate(inner, target, (float)rotate.Degrees(time), rotate.Background);
                    break;
                default:
                    throw new NotSupportedException($"The reference renderer does not apply {clip.Effect.GetType().Name}.");
            }
            return target;
        }
    }

    /// <summary>The picture on transparency with the color in the border around it only: the picture's own transparency stays.</summary>
    private DeviceImage Bordered(DeviceImage source, int width, int height, int left, int top, Rgba color)
    {
        var target = Place(source, width, height, left, top, Rgba.Transparent);
        var (right, bottom) = (left + source.Width, top + source.Height);
        foreach (var (x, y, w, h) in new[] { (0, 0, width, top), (0, bottom, width, height - bottom), (0, top, left, source.Height), (right, top, width - right, source.Height) })
        {
            if (w <= 0 || h <= 0)
                continue;
            using var band = backend.Allocate(w, h);
            backend.Fill(band, color);
            backend.Composite(target, band, new CompositeParams(x, y, 1f, null));
        }
        return target;
    }

    private DeviceImage Place(DeviceImage source, int width, int height, int x, int y, Rgba background, float opacity = 1f, DeviceImage? mask = null)
    {
        var target = backend.Allocate(width, height);
        backend.Fill(target, background);
        backend.Composite(target, source, new CompositeParams(x, y, opacity, mask));
        return target;
    }
}
