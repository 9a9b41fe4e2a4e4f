namespace ScriptComposer.Bench.EndToEnd;

/// <summary>
/// A reference composition: the <c>.csx</c> that <c>sc</c> renders, and the plain-ffmpeg <c>filter_complex</c> command
/// that makes the same picture from the same inputs at the same size, rate, frame count, codec, preset and threads.
/// </summary>
/// <param name="FfmpegArguments">The ffmpeg arguments, given the media folder, output path and <see cref="EncodeSettings"/>.</param>
internal sealed record Composition(
    string Name,
    string Script,
    string Description,
    Func<string, string, EncodeSettings, IReadOnlyList<string>> FfmpegArguments);

/// <summary>What both sides encode with, and how many frames.</summary>
internal sealed record EncodeSettings(string Preset, int Threads, long Frames);
