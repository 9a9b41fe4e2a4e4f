namespace ScriptComposer.Host.Watch;

/// <summary>An encoded preview frame: PNG or JPEG bytes, the generation and time it shows, and how long it took.</summary>
public sealed record PreviewFrame(byte[] Bytes, string ContentType, int Generation, double Time, double Scale, double RenderMs);
