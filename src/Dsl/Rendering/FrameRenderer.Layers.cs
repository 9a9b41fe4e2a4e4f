using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>The draws of a fused composite, kept from frame to frame.</summary>
public sealed partial class FrameRenderer
{
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
