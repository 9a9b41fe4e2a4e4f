namespace ScriptComposer.Gpu;

/// <summary>
/// Four floats, as CUDA's <c>float4</c>: in a pixel effect, a straight-alpha RGBA color with each channel in [0, 1]
/// (X red, Y green, Z blue, W alpha; <see cref="R"/>, <see cref="G"/>, <see cref="B"/>, <see cref="A"/> name the same values).
/// </summary>
public readonly record struct Float4(float X, float Y, float Z, float W)
{
    public float R => X;
    public float G => Y;
    public float B => Z;
    public float A => W;
}
