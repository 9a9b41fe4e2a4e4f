using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Transforms;

/// <summary>Brightness, contrast, gamma, saturation, channel factors, black-and-white, invert.</summary>
public sealed record ColorEffect(ColorParams Parameters) : PictureEffect;
