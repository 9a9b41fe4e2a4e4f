namespace ScriptComposer.Gpu;

/// <summary>
/// One frame of a transition for <see cref="IComputeBackend.Transition"/>: its <see cref="Kind"/>, how far it has gone
/// (<see cref="Progress"/>, 0 shows the first picture, 1 the second) and, for <see cref="TransitionKind.FadeColor"/> and
/// <see cref="TransitionKind.RectCrop"/>, the <see cref="Color"/> it passes through (straight alpha).
/// </summary>
public readonly record struct TransitionParams(TransitionKind Kind, float Progress, Rgba Color);
