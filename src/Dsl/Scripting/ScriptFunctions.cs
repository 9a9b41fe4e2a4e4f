namespace ScriptComposer.Dsl.Scripting;

/// <summary>
/// What a script calls besides the clip factories (<see cref="Render"/>, <see cref="Args"/>, ...), as static members, so
/// an editor that knows nothing of sc's globals resolves them through the <c>#load</c>ed prelude's
/// <c>global using static</c> (<c>sc init</c> writes it). Under sc the script's globals (<see cref="ScriptGlobals"/>)
/// answer these names first, so these are never called there; run elsewhere (dotnet-script), they say how to run the script.
/// </summary>
public static class ScriptFunctions
{
    /// <summary>The <c>--set key=value</c> pairs of the command line.</summary>
    public static ScriptArgs Args => Globals(nameof(Args)).Args;

    /// <inheritdoc cref="ScriptGlobals.Render"/>
    public static void Render(Clip clip, string path, double fps = 30, string? codec = null, string? preset = null,
        int? crf = null, string? bitrate = null, int? threads = null, string? pixelFormat = null, string[]? ffmpegArgs = null,
        bool alpha = false, bool audio = true, string? audioCodec = null, string? audioBitrate = null, int? sampleRate = null, int? channels = null) =>
        Globals(nameof(Render)).Render(clip, path, fps, codec, preset, crf, bitrate, threads, pixelFormat, ffmpegArgs, alpha, audio,
            audioCodec, audioBitrate, sampleRate, channels);

    /// <inheritdoc cref="ScriptGlobals.RenderAudio"/>
    public static void RenderAudio(Clip clip, string path, string? codec = null, string? bitrate = null, int? sampleRate = null, int? channels = null) =>
        Globals(nameof(RenderAudio)).RenderAudio(clip, path, codec, bitrate, sampleRate, channels);

    /// <inheritdoc cref="ScriptGlobals.SaveFrame"/>
    public static void SaveFrame(Clip clip, Seconds time, string path) => Globals(nameof(SaveFrame)).SaveFrame(clip, time, path);

    private static ScriptGlobals Globals(string what) =>
        throw new ScriptComposerException($"{what} belongs to a script run by sc: run it with `sc render SCRIPT.csx` (or sc watch). "
            + "From a C# program, render a clip with ScriptComposer.Dsl.Rendering instead.");
}
