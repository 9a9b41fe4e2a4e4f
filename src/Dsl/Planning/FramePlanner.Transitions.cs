using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Dsl.Transitions;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning;

/// <summary>Layers coming in with a transition (<see cref="Clip.TransitionIn"/>).</summary>
public sealed partial class FramePlanner
{
    private static bool HasTransition(List<ActiveLayer> active)
    {
        foreach (var layer in active)
            if (TransitionTiming.Progress(layer.Clip, layer.LocalTime) is not null)
                return true;
        return false;
    }

    /// <summary>
    /// The composite's layers with each one under way in a transition, and everything under it, made one frame-sized layer: a
    /// <see cref="TransitionNode"/> from the layers under it to those layers with it, both on a transparent canvas (the composite's
    /// background is laid once, under the whole; every transition commutes with laying its result over a plain background).
    /// </summary>
    private static ValueList<CompositeLayer> WithTransitions(CompositeClip composite, List<ActiveLayer> active, CompositeLayer[] layers)
    {
        var stack = new List<CompositeLayer>(layers.Length);
        for (var i = 0; i < layers.Length; i++)
        {
            if (TransitionTiming.Progress(active[i].Clip, active[i].LocalTime) is not { } progress)
            {
                stack.Add(layers[i]);
                continue;
            }
            var from = new CompositeNode(composite.Width, composite.Height, Rgba.Transparent, new ValueList<CompositeLayer>(stack));
            stack.Add(layers[i]);
            var to = new CompositeNode(composite.Width, composite.Height, Rgba.Transparent, new ValueList<CompositeLayer>(stack));
            var node = new TransitionNode(from, to, active[i].Clip.TransitionInEffect!, progress);
            stack.Clear();
            stack.Add(new CompositeLayer(node, 0, 0, 1f, null, BlendMode.Normal, default));
        }
        return new ValueList<CompositeLayer>(stack);
    }
}
