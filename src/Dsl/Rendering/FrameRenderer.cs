using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Dsl.Transforms;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>
/// Runs <see cref="FramePlan"/>s on a backend with the resources it owns: still pictures (colors, images, gradients, text) made
/// on the device once and lent to every frame that shows them, sequential video readers (<c>FrameRenderer.Readers.cs</c>), and
/// scratch memory. What a frame shows is decided by the <see cref="FramePlanner"/>; this only draws it.
/// </summary>
public sealed partial class FrameRenderer : IDisposable
{
    private readonly IComputeBackend _backend;
    private readonly Dictionary<PlanNode, DeviceImage> _stills = [];
    private readonly List<LayerSet> _layerSets = [];
    private int _layerSetsInUse;
    private byte[] _hostScratch = [];
    private byte[] _regionScratch = [];
    private LayerDraw[] _shiftedDraws = [];
    private FramePlan? _lastPlan;
    private StillImage? _lastPicture;

    public FrameRenderer(IComputeBackend backend) => _backend = backend;

    public IComputeBackend Backend => _backend;

    /// <summary>Whether eligible frames are mixed in Y'CbCr (the default); off, every frame takes the RGBA path (for comparisons).</summary>
    public bool PlanarPath
    {
        get => Planner.PlanarPath;
        init => Planner = new FramePlanner { PlanarPath = value };
    }

    /// <summary>The planner this renderer plans frames with when given a clip.</summary>
    public FramePlanner Planner { get; private init; } = new();

    /// <summary>How many frames took the planar path (for tests and benchmarks).</summary>
    public long PlanarFrames { get; private set; }

    /// <summary>How many frames were the previous frame again (an equal plan), copied instead of drawn (<see cref="ExecuteAfter"/>).</summary>
    public long RepeatedFrames { get; private set; }

    /// <summary>How many frames were drawn only where they changed, over a copy of the previous one (<see cref="ExecuteAfter"/>).</summary>
    public long PartialFrames { get; private set; }

    /// <summary>The picture of <paramref name="clip"/> at its own time <paramref name="localTime"/>; the caller disposes it.</summary>
    public DeviceImage Render(Clip clip, double localTime)
    {
        using var frame = EnterFrame();
        return Owned(Draw(Planner.Picture(clip, localTime)));
    }

    /// <summary>
    /// The picture of <paramref name="clip"/> at <paramref name="localTime"/> as an output with alpha shows it: with the
    /// clip's own mask and opacity (crossfades included), as it would look laid on a transparent canvas. The caller disposes it.
    /// </summary>
    public DeviceImage RenderWithOwnAlpha(Clip clip, double localTime)
    {
        using var frame = EnterFrame();
        return Owned(Draw(Planner.PictureWithOwnAlpha(clip, localTime)));
    }

    /// <summary>Plans the frame of <paramref name="clip"/> at <paramref name="localTime"/> and writes it into <paramref name="buffer"/> in <paramref name="format"/>.</summary>
    public void RenderToPipe(Clip clip, double localTime, PipeFormat format, Span<byte> buffer) =>
        Execute(Planner.Plan(clip, localTime, format), buffer);

    /// <summary>
    /// Draws <paramref name="plan"/> into <paramref name="buffer"/> in the plan's format: a planar plan mixed in I420; a composite
    /// for I420 laid and converted in one pass, with no RGBA canvas in between; anything else drawn in RGBA and converted.
    /// </summary>
    public void Execute(FramePlan plan, Span<byte> buffer)
    {
        using var frame = EnterFrame();
        _lastPlan = plan;
        switch (plan.Picture)
        {
            case PlanarCompositeNode planar:
                DrawPlanar(planar, buffer);
                PlanarFrames++;
                return;
            case CompositeNode composite when plan.Format == PipeFormat.I420:
                using (var layers = Layers(composite))
                    _backend.CompositeLayersToI420(composite.Width, composite.Height, composite.Background, layers.Draws, buffer);
                return;
        }
        var (image, owned) = Draw(plan.Picture);
        try
        {
            switch (plan.Format)
            {
                case PipeFormat.I420:
                    _backend.ConvertToYuv420(image, buffer);
                    break;
                case PipeFormat.RgbaStraight:
                    if (!owned) (image, owned) = (Copy(image), true);
                    _backend.Unpremultiply(image);
                    _backend.Download(image, buffer);
                    break;
                default:
                    _backend.Download(image, buffer);
                    break;
            }
        }
        finally
        {
            if (owned) image.Dispose();
        }
    }

    /// <summary>
    /// Draws <paramref name="plan"/> into <paramref name="buffer"/> knowing that <paramref name="previous"/> holds the bytes of the
    /// last frame this renderer drew (null for none), and does only the work that changed: a plan equal to the last one's is
    /// that frame again, copied (a still stretch of a slideshow, a held title); where only some layers of a fused composite
    /// changed, only the rectangles they cover now and covered before are drawn over a copy (<see cref="DirtyRegions"/>); any
    /// other frame is drawn whole. The bytes are those of <see cref="Execute"/> in every case.
    /// </summary>
    public void ExecuteAfter(FramePlan plan, Span<byte> buffer, byte[]? previous)
    {
        var last = _lastPlan;
        if (previous is null || last is null)
        {
            Execute(plan, buffer);
        }
        else if (plan.Equals(last))
        {
            CopyPrevious(previous, buffer);
            RepeatedFrames++;
            if (plan.IsPlanar) PlanarFrames++;
        }
        else if (DirtyRegions.Between(last, plan) is { } regions)
        {
            CopyPrevious(previous, buffer);
            ExecuteRegions(plan, buffer, regions);
            PartialFrames++;
        }
        else
        {
            Execute(plan, buffer);
        }
        _lastPlan = plan;
    }

    private static void CopyPrevious(byte[] previous, Span<byte> buffer)
    {
        // The caller may hand back the very buffer the last frame was drawn into: its bytes are already there.
        if (!System.Runtime.CompilerServices.Unsafe.AreSame(ref previous[0], ref buffer[0]))
            previous.AsSpan(0, buffer.Length).CopyTo(buffer);
    }

    /// <summary>
    /// Draws only <paramref name="regions"/> of <paramref name="plan"/> (a fused composite, see <see cref="DirtyRegions"/>) into
    /// <paramref name="buffer"/>, which already holds the frame before: each rectangle is laid as a small frame of its own, its
    /// layers moved by the rectangle's corner, and copied into place. Every pixel is computed as in a whole frame, so the bytes
    /// are the same.
    /// </summary>
    public void ExecuteRegions(FramePlan plan, Span<byte> buffer, IReadOnlyList<FrameRegion> regions)
    {
        if (plan.Picture is not CompositeNode composite)
            throw new ArgumentException("Only a fused composite can be drawn in parts.", nameof(plan));
        using var frame = EnterFrame();
        using var layers = Layers(composite);
        var draws = layers.Draws;
        if (_shiftedDraws.Length < draws.Length)
            _shiftedDraws = new LayerDraw[draws.Length];
        var shifted = _shiftedDraws.AsSpan(0, draws.Length);
        foreach (var region in regions)
        {
            for (var i = 0; i < draws.Length; i++)
                shifted[i] = draws[i] with { X = draws[i].X - region.X, Y = draws[i].Y - region.Y };
            if (plan.Format == PipeFormat.I420)
                DrawI420Region(composite, shifted, region, buffer);
            else
                DrawRgbaRegion(composite, shifted, region, plan.Format, buffer);
        }
        shifted.Clear();
    }

    private void DrawI420Region(CompositeNode composite, ReadOnlySpan<LayerDraw> layers, FrameRegion region, Span<byte> buffer)
    {
        var part = new Gpu.Yuv420Layout(region.Width, region.Height);
        var scratch = Scratch(part.TotalBytes);
        _backend.CompositeLayersToI420(region.Width, region.Height, composite.Background, layers, scratch);
        var whole = new Gpu.Yuv420Layout(composite.Width, composite.Height);
        CopyRows(scratch, part.Width, buffer, whole.Width, region.X, region.Y, region.Width, region.Height);
        var (cx, cy) = (region.X / 2, region.Y / 2);
        CopyRows(scratch[part.LumaBytes..], part.ChromaWidth, buffer[whole.LumaBytes..], whole.ChromaWidth, cx, cy, part.ChromaWidth, part.ChromaHeight);
        CopyRows(scratch[(part.LumaBytes + part.ChromaBytes)..], part.ChromaWidth, buffer[(whole.LumaBytes + whole.ChromaBytes)..], whole.ChromaWidth,
            cx, cy, part.ChromaWidth, part.ChromaHeight);
    }

    private void DrawRgbaRegion(CompositeNode composite, ReadOnlySpan<LayerDraw> layers, FrameRegion region, PipeFormat format, Span<byte> buffer)
    {
        using var canvas = _backend.Allocate(region.Width, region.Height);
        _backend.CompositeLayers(canvas, composite.Background, layers);
        if (format == PipeFormat.RgbaStraight)
            _backend.Unpremultiply(canvas);
        var scratch = Scratch(canvas.ByteCount);
        _backend.Download(canvas, scratch);
        CopyRows(scratch, region.Width * 4, buffer, composite.Width * 4, region.X * 4, region.Y, region.Width * 4, region.Height);
    }

    /// <summary>Copies <paramref name="rows"/> rows of <paramref name="bytes"/> bytes from a tight <paramref name="source"/> into <paramref name="target"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    private static void CopyRows(ReadOnlySpan<byte> source, int sourceStride, Span<byte> target, int targetStride, int x, int y, int bytes, int rows)
    {
        for (var row = 0; row < rows; row++)
            source.Slice(row * sourceStride, bytes).CopyTo(target.Slice((y + row) * targetStride + x, bytes));
    }

    private Span<byte> Scratch(int bytes)
    {
        if (_regionScratch.Length < bytes)
            _regionScratch = new byte[bytes];
        return _regionScratch.AsSpan(0, bytes);
    }

    public void Dispose()
    {
        foreach (var still in _stills.Values) still.Dispose();
        _stills.Clear();
        DisposeReaders();
    }

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
            case ColorEffect or ChromaKeyEffect or BlurEffect or CustomEffect:
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
                    }
                    return source;
                }
                catch
                {
                    source.Dispose();
                    throw;
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

    /// <summary>The draws of a fused composite, with the pictures and masks they own; the set is the renderer's, one per nesting level.</summary>
    private LayerSet Layers(CompositeNode composite)
    {
        if (_layerSets.Count == _layerSetsInUse)
            _layerSets.Add(new LayerSet(this));
        var set = _layerSets[_layerSetsInUse++];
        set.Reset(composite.Layers.Count);
        try
        {
            foreach (var layer in composite.Layers)
            {
                var picture = set.Keep(Draw(layer.Picture));
                var mask = layer.Mask is { } maskNode ? set.Keep(Draw(maskNode)) : null;
                set.Add(new LayerDraw(picture, layer.X, layer.Y, layer.Opacity, mask, layer.Mode, layer.Fade.Color, layer.Fade.Amount));
            }
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The draws of one fused pass and the images among them that it must dispose afterwards. Kept by the renderer and used again
    /// frame after frame (one per nesting level of composites), so laying a frame's layers allocates nothing.
    /// </summary>
    private sealed class LayerSet(FrameRenderer renderer) : IDisposable
    {
        private readonly List<DeviceImage> _owned = [];
        private LayerDraw[] _draws = [];
        private int _count;

        public ReadOnlySpan<LayerDraw> Draws => _draws.AsSpan(0, _count);

        public void Reset(int capacity)
        {
            if (_draws.Length < capacity) _draws = new LayerDraw[capacity];
            _count = 0;
        }

        public void Add(LayerDraw draw) => _draws[_count++] = draw;

        /// <summary>The drawn image, disposed with the set when it was the caller's to dispose.</summary>
        public DeviceImage Keep((DeviceImage Image, bool Owned) drawn)
        {
            if (drawn.Owned) _owned.Add(drawn.Image);
            return drawn.Image;
        }

        /// <summary>Disposes the images it owns, forgets the draws (which hold images) and goes back to the renderer.</summary>
        public void Dispose()
        {
            foreach (var image in _owned) image.Dispose();
            _owned.Clear();
            _draws.AsSpan(0, _count).Clear();
            _count = 0;
            renderer._layerSetsInUse--;
        }
    }
}
