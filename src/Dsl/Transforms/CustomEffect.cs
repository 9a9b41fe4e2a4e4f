using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Transforms;

/// <summary>A per-pixel function written by the script: CUDA C for the GPU, a C# function for the CPU.</summary>
public sealed record CustomEffect(PixelEffect Effect) : PictureEffect;
