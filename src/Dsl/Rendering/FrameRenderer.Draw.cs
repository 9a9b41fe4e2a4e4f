using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Dsl.Transforms;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>Drawing a plan's nodes: stills lent from the cache, sources, transforms and effects.</summary>
public sealed partial class FrameRenderer
{
    /// <summary>The node's picture, and whether the caller owns it (a still from the cache is only lent: not to be changed or disposed).</summary>
    private (DeviceImage Image, bool Owned) Draw(PlanNode node)
    {
        switch (node)
        {
            case ColorSource or ImageSource or GradientSource:
                return (Still(node), false);
            case VideoSource video:
                return (VideoFrame(video), true);
            case GeneratedSource generated:
                return (GeneratedFrame(generated), true);
            case SequenceSource sequence:
                return (SequenceFrame(sequence), true);
            case FadeNode fade:
                var faded = Owned(Draw(fade.Inner));
                _backend.Fade(faded, fade.Fade.Color, fade.Fade.Amount);
                return (faded, true);
            case BakeNode bake:
            {
                var (inner, innerOwned) = Draw(bake.Inner);
                var (mask, maskOwned) = bake.Mask is { } maskNode ? Draw(maskNode) : (null, false);
                try
                {
                    return (Place(inner, inner.Width, inner.Height, 0, 0, Rgba.Transparent, bake.Opacity, mask), true);
                }
                finally
                {
                    if (innerOwned) inner.Dispose();
                    if (maskOwned) mask!.Dispose();
                }
            }
            case PlaceNode place:
            {
                var (inner, innerOwned) = Draw(place.Inner);
                using (innerOwned ? inner : null)
                    return (Place(inner, place.Width, place.Height, place.X, place.Y, place.Background), true);
            }
            case ResizeNode resize:
            {
                var (inner, innerOwned) = Draw(resize.Inner);
                using (innerOwned ? inner : null)
                {
                    var target = _backend.Allocate(resize.Width, resize.Height);
                    _backend.Resize(inner, target, resize.Filter);
                    return (target, true);
                }
            }
            case EffectNode effect:
                return (Effected(effect), true);
            case MapNode map:
                return (Mapped(map), true);
            case RotateNode rotate:
            {
                var (inner, innerOwned) = Draw(rotate.Inner);
                using (innerOwned ? inner : null)
                {
                    var target = _backend.Allocate(rotate.Width, rotate.Height);
                    _backend.Rotate(inner, target, rotate.Degrees, rotate.Background);
                    return (target, true);
                }
            }
            case MinMaxNode minMax:
            {
                var target = Owned(Draw(minMax.Inner));
                try
                {
                    var (other, otherOwned) = Draw(minMax.Other);
                    using (otherOwned ? other : null)
                        _backend.MinMax(target, other, minMax.Maximum);
                    return (target, true);
                }
                catch
                {
                    target.Dispose();
                    throw;
                }
            }
            case AverageNode average:
                return (Averaged(average), true);
            case CompositeNode composite:
            {
                using var layers = Layers(composite);
                var canvas = _backend.Allocate(composite.Width, composite.Height);
                try
                {
                    _backend.CompositeLayers(canvas, composite.Background, layers.Draws);
                    return (canvas, true);
                }
                catch
                {
                    canvas.Dispose();
                    throw;
                }
            }
            case TransitionNode transition:
                return (Transitioned(transition), true);
            case PlanarCompositeNode:
                throw new InvalidOperationException("A planar composite is mixed in I420 only; it has no RGBA picture.");
            default:
                throw new NotSupportedException($"{node.GetType().Name} cannot be drawn yet.");
        }
    }

    /// <summary>An image the caller owns: <paramref name="drawn"/> itself, or a copy of it when it is only lent.</summary>
    private DeviceImage Owned((DeviceImage Image, bool Owned) drawn) => drawn.Owned ? drawn.Image : Copy(drawn.Image);

    /// <summary>Applies the effect to its inner picture: in place when the effect allows it (on a copy when the picture is lent).</summary>
    private DeviceImage Effected(EffectNode node)
    {
        switch (node.Effect)
        {
            case ColorEffect or ChromaKeyEffect or BlurEffect or CustomEffect or LumContrastEffect:
                var source = Owned(Draw(node.Inner));
                try
                {
                    switch (node.Effect)
                    {
                        case ColorEffect color:
                            _backend.AdjustColors(source, color.Parameters);
                            break;
                        case ChromaKeyEffect key:
                            _backend.ChromaKey(source, key.Parameters);
                            break;
                        case BlurEffect blur:
                            _backend.GaussianBlur(source, source, blur.Sigma);
                            break;
                        case CustomEffect custom:
                            _backend.ApplyPixelEffect(source, custom.Effect, (float)node.Time);
                            break;
                        case LumContrastEffect lum:
                            _backend.LumContrast(source, lum.Lum, lum.Contrast, lum.Threshold);
                            break;
                    }
                    return source;
                }
                catch
                {
                    source.Dispose();
                    throw;
                }
            case PaintingEffect painting:
            {
                var (picture, pictureOwned) = Draw(node.Inner);
                using (pictureOwned ? picture : null)
                {
                    var target = _backend.Allocate(node.Width, node.Height);
                    _backend.Painting(picture, target, painting.Saturation, painting.Black);
                    return target;
                }
            }
            case MirrorEffect mirror:
                var (inner, innerOwned) = Draw(node.Inner);
                using (innerOwned ? inner : null)
                {
                    var target = _backend.Allocate(node.Width, node.Height);
                    if (mirror.Horizontal) _backend.MirrorX(inner, target);
                    else _backend.MirrorY(inner, target);
                    return target;
                }
            default:
                throw new NotSupportedException($"{node.Effect.GetType().Name} cannot be rendered yet.");
        }
    }

    /// <summary>The mean of an average's frames, each drawn once however often it repeats (a still averages itself).</summary>
    private DeviceImage Averaged(AverageNode node)
    {
        var drawn = new List<(DeviceImage Image, bool Owned)>(node.Frames.Count);
        var byNode = new Dictionary<PlanNode, DeviceImage>();
        try
        {
            var sources = new DeviceImage[node.Frames.Count];
            for (var k = 0; k < sources.Length; k++)
            {
                if (!byNode.TryGetValue(node.Frames[k], out var image))
                {
                    var frame = Draw(node.Frames[k]);
                    drawn.Add(frame);
                    byNode[node.Frames[k]] = image = frame.Image;
                }
                sources[k] = image;
            }
            var target = _backend.Allocate(node.Width, node.Height);
            try
            {
                _backend.Average(sources, target);
                return target;
            }
            catch
            {
                target.Dispose();
                throw;
            }
        }
        finally
        {
            foreach (var (image, owned) in drawn)
                if (owned) image.Dispose();
        }
    }

    /// <summary>A new image of the given size filled with <paramref name="background"/>, with <paramref name="source"/> laid at (x, y).</summary>
    private DeviceImage Place(DeviceImage source, int width, int height, int x, int y, Rgba background, float opacity = 1f, DeviceImage? mask = null)
    {
        var target = _backend.Allocate(width, height);
        try
        {
            _backend.Fill(target, background);
            _backend.Composite(target, source, new CompositeParams(x, y, opacity, mask));
            return target;
        }
        catch
        {
            target.Dispose();
            throw;
        }
    }

    private DeviceImage Copy(DeviceImage source) => Place(source, source.Width, source.Height, 0, 0, Rgba.Transparent);

    /// <summary>The still picture of a color, image or gradient node, made on the device the first time it is asked for.</summary>
    private DeviceImage Still(PlanNode node)
    {
        if (_stills.TryGetValue(node, out var cached))
            return cached;
        var image = _backend.Allocate(node.Width, node.Height);
        try
        {
            switch (node)
            {
                case ColorSource color:
                    _backend.Fill(image, color.Color);
                    break;
                case ImageSource still:
                    _backend.Upload(still.Image.Pixels.Span, image);
                    break;
                case GradientSource gradient:
                    _backend.Gradient(image, gradient.Parameters);
                    break;
            }
        }
        catch
        {
            image.Dispose();
            throw;
        }
        _stills[node] = image;
        return image;
    }

    private DeviceImage SequenceFrame(SequenceSource node)
    {
        var file = node.File;
        if (_lastPicture?.Path != Path.GetFullPath(file))
            _lastPicture = ImageLoader.Load(file);
        var still = _lastPicture;
        if (still.Width != node.Width || still.Height != node.Height)
            throw new ScriptComposerException(
                $"'{file}' is {still.Width}x{still.Height}, but the sequence's first picture is {node.Width}x{node.Height}; every picture of an ImageSequence must have the same size.");
        var image = _backend.Allocate(still.Width, still.Height);
        _backend.Upload(still.Pixels.Span, image);
        return image;
    }

    private DeviceImage GeneratedFrame(GeneratedSource node)
    {
        var bytes = node.Width * node.Height * 4;
        if (_hostScratch.Length < bytes)
            _hostScratch = new byte[bytes];
        var span = _hostScratch.AsSpan(0, bytes);
        span.Clear();
        try
        {
            node.Clip.Generator(node.Time, span);
        }
        catch (Exception e)
        {
            throw new ScriptComposerException($"The frame generator of {node.Clip.Describe()} failed at {node.Time:0.###} s: {e.Message}", e);
        }
        var image = _backend.Allocate(node.Width, node.Height);
        _backend.Upload(span, image);
        _backend.Premultiply(image);
        return image;
    }
}
