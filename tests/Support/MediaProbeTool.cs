using System.Globalization;
using System.Text.Json;

namespace ScriptComposer.Tests.Support;

/// <summary>What ffprobe says about the first video stream of a file, with frames counted by decoding (<c>-count_frames</c>).</summary>
internal sealed record ProbeResult(
    string Codec, int Width, int Height, string PixelFormat, long FrameCount, double Duration,
    string RFrameRate, string AvgFrameRate, string? ColorSpace, string? ColorRange);

/// <summary>An ffprobe wrapper independent of the code under test (which runs ffprobe through MediaProbe).</summary>
internal static class MediaProbeTool
{
    public static ProbeResult Probe(string path)
    {
        Assert.True(File.Exists(path), $"Cannot probe '{path}': the file does not exist.");
        var result = ToolRunner.Run("ffprobe",
        [
            "-v", "error", "-select_streams", "v:0", "-count_frames",
            "-show_entries", "stream=codec_name,width,height,pix_fmt,nb_read_frames,r_frame_rate,avg_frame_rate,duration,color_space,color_range:format=duration",
            "-of", "json", path,
        ]);
        if (result.ExitCode != 0)
            Assert.Fail($"ffprobe could not read '{path}' (code {result.ExitCode}): {result.Stderr}");
        using var json = JsonDocument.Parse(result.Stdout);
        var streams = json.RootElement.GetProperty("streams");
        if (streams.GetArrayLength() == 0)
            Assert.Fail($"'{path}' has no video stream.");
        var s = streams[0];
        var formatDuration = json.RootElement.TryGetProperty("format", out var format) ? Number(format, "duration") : null;
        return new ProbeResult(
            Text(s, "codec_name") ?? "",
            s.GetProperty("width").GetInt32(),
            s.GetProperty("height").GetInt32(),
            Text(s, "pix_fmt") ?? "",
            (long)(Number(s, "nb_read_frames") ?? -1),
            formatDuration ?? Number(s, "duration") ?? -1,
            Text(s, "r_frame_rate") ?? "",
            Text(s, "avg_frame_rate") ?? "",
            Text(s, "color_space"),
            Text(s, "color_range"));
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString() : null;

    private static double? Number(JsonElement e, string name) =>
        Text(e, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
}
