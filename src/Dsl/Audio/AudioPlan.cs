namespace ScriptComposer.Dsl.Audio;

/// <summary>The ffmpeg side of an output's sound: the files to open as inputs, and the filter graph that ends in <see cref="OutputLabel"/>.</summary>
public sealed record AudioPlan(IReadOnlyList<string> InputFiles, string FilterGraph, string OutputLabel = "[aout]");
