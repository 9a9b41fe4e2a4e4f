using ScriptComposer.Dsl.Transitions;

namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>How the clip comes in over the layers under it in a composite, over its first seconds (set by <see cref="TransitionIn"/>).</summary>
    public Transition? TransitionInEffect { get; init; }

    /// <summary>
    /// The clip comes in over what is under it in its composite with <paramref name="transition"/>, e.g.
    /// <c>b.WithStart(4).TransitionIn(Transition.WipeLeft(1))</c>: for the transition's first seconds of the clip, the frame goes from
    /// the layers under it to those layers with it laid over them, so the frame before and after is unchanged. A clip that is not
    /// a layer of a composite (the output itself) has nothing to come in over and shows as it is.
    /// </summary>
    public Clip TransitionIn(Transition transition)
    {
        NullArgument.ThrowIfNull(transition);
        if (Duration is { } duration && transition.Duration > duration + TimeEpsilon.Seconds)
            throw new ArgumentException(
                $"The {transition.Name} transition lasts {transition.Duration:0.###} s, longer than {Describe()} ({duration:0.###} s). " +
                $"Use a transition of at most {duration:0.###} s (e.g. transition.WithDuration({duration:0.###})) or a longer clip.", nameof(transition));
        return this with { TransitionInEffect = transition };
    }
}
