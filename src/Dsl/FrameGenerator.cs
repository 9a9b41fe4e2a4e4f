namespace ScriptComposer.Dsl;

/// <summary>
/// Draws one frame of a <see cref="FramesClip"/>: <paramref name="time"/> is the clip's own time in seconds, and
/// <paramref name="rgba"/> is width × height pixels of 4 bytes (red, green, blue, alpha; straight alpha), row by row,
/// cleared to transparent black before each call.
/// </summary>
public delegate void FrameGenerator(double time, Span<byte> rgba);
