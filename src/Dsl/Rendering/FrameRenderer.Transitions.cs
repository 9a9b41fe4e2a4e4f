using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>Drawing a transition: both pictures, then one pass of its kernel (or the user's function) into a new image.</summary>
public sealed partial class FrameRenderer
{
    private DeviceImage Transitioned(TransitionNode node)
    {
        var (from, fromOwned) = Draw(node.From);
        try
        {
            var (to, toOwned) = Draw(node.To);
            using (toOwned ? to : null)
            {
                var target = _backend.Allocate(node.Width, node.Height);
                try
                {
                    var transition = node.Transition;
                    if (transition.Effect is { } effect)
                        _backend.ApplyTransitionEffect(from, to, target, effect, node.Progress);
                    else
                        _backend.Transition(from, to, target, new TransitionParams(transition.Kind, node.Progress, transition.Color));
                    return target;
                }
                catch
                {
                    target.Dispose();
                    throw;
                }
            }
        }
        finally
        {
            if (fromOwned) from.Dispose();
        }
    }
}
