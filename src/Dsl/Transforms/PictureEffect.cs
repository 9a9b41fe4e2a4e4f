namespace ScriptComposer.Dsl.Transforms;

/// <summary>One change to a clip's picture, applied on the backend by an <see cref="EffectClip"/>. Records, so effects compare by value.</summary>
public abstract record PictureEffect
{
    /// <summary>The size of the picture the effect makes from one of <paramref name="width"/>×<paramref name="height"/>.</summary>
    public virtual (int Width, int Height) OutputSize(int width, int height) => (width, height);
}
