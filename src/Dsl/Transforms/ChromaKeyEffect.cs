using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Transforms;

/// <summary>Makes pixels near a key color transparent.</summary>
public sealed record ChromaKeyEffect(ChromaKeyParams Parameters) : PictureEffect;
