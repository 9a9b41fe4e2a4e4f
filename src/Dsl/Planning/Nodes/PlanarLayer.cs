namespace ScriptComposer.Dsl.Planning.Nodes;

/// <summary>
/// One layer of a <see cref="PlanarCompositeNode"/>: a decoded video frame laid in Y'CbCr (<see cref="Video"/>, with at most one
/// fade), or a small picture (<see cref="Picture"/>) laid over it.
/// </summary>
public readonly record struct PlanarLayer(VideoSource? Video, PlanNode? Picture, int X, int Y, float Opacity, FadeStep Fade);
