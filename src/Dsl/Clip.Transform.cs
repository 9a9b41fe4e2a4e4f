using ScriptComposer.Dsl.Layout;

namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>
    /// Wraps this clip in <paramref name="make"/>'s wrapper, which takes over where and when the clip stands on its
    /// parent; the clip inside keeps its picture, opacity and mask, which are baked into the wrapper's picture.
    /// </summary>
    private protected TWrapper Wrap<TWrapper>(Func<Clip, TWrapper> make) where TWrapper : Clip
    {
        var inner = this with { Start = 0, Position = Pos.TopLeft };
        return make(inner) with { Start = Start, Position = Position };
    }
}
