namespace ScriptComposer.Host.Watch;

/// <summary>A point of the preview's timeline where a layer starts or ends.</summary>
public sealed record TimelineMarker(double Time, string Kind, string Label);
