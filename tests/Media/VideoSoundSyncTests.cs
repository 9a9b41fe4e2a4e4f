using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// A video's own sound stays where the file puts it against the picture: a tone that starts with the picture's second 1 (in the
/// file's timeline) starts at second 1 of the render, whether the file's streams start together, the sound starts later (silence
/// until then) or earlier (not heard), and through the 21 ms of AAC priming that MKV and MPEG-TS keep before the first picture.
/// </summary>
public sealed class VideoSoundSyncTests
{
    /// <summary>How far the onset may move: AAC smears a sudden tone by a few milliseconds; the priming it must not move by is 21 ms.</summary>
    private const double Tolerance = 0.004;

    public static TheoryData<string, double, double, double, double> Cases() => new()
    {
        // container, the sound's delay, the picture's delay (both from the sources' t = 0), subclip start, where the tone starts in the render
        { "mp4", 0, 0, 0, 1.0 },
        { "mov", 0, 0, 0, 1.0 },
        { "mkv", 0, 0, 0, 1.0 },
        { "ts", 0, 0, 0, 1.0 },
        { "mkv", 0.5, 0, 0, 1.5 },
        { "ts", 0.5, 0, 0, 1.5 },
        { "mp4", 0.5, 0, 0, 1.5 },
        { "mkv", 0, 0.3, 0, 0.7 },
        { "ts", 0, 0.3, 0, 0.7 },
        { "ts", 0, 0.3, 0.2, 0.5 },
        { "mkv", 0.5, 0, 0.4, 1.1 },
        { "webm", 0, 0, 0, 1.0 },
        { "webm", 0.5, 0, 0, 1.5 },
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task A_videos_sound_starts_where_the_file_puts_it_against_the_picture(string container, double soundDelay, double pictureDelay,
        double subclip, double expected)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("avsync");
        var input = folder[$"in.{container}"];
        ToolRunner.Ffmpeg(
            [
                .. Offset(pictureDelay), "-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=3",
                .. Offset(soundDelay), "-f", "lavfi", "-i", @"aevalsrc=if(gte(t\,1)\,0.5*sin(2*PI*1000*t)\,0):s=48000:d=3",
                .. container == "webm" ? new[] { "-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus" } : ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"],
                "-pix_fmt", "yuv420p", input,
            ]);

        var clip = subclip > 0 ? $"Video(\"in.{container}\").Subclip({subclip.ToString(System.Globalization.CultureInfo.InvariantCulture)}, 2.5)" : $"Video(\"in.{container}\").WithDuration(2.5)";
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "sync.csx",
            $"""Render({clip}, "out.mkv", fps: 30, preset: "ultrafast", audioCodec: "flac");""");
        Assert.True(result.ExitCode == 0, result.ToString());

        // Opus's pre-skip is dropped by the decoder, so its first decoded sample is the source's first: the tone sounds 1 s after it,
        // wherever the file puts that sample against the first picture (ffmpeg's WebM muxer: 7 ms before it). AAC's priming is decoded,
        // and the containers above put the source's first sample with the first picture.
        if (container == "webm")
            expected = 1.0 - subclip + FirstTime(input, "a:0", "frame=best_effort_timestamp_time") - FirstTime(input, "v:0", "stream=start_time");
        var onset = Onset(folder["out.mkv"]);
        Assert.True(Math.Abs(onset - expected) <= Tolerance,
            $"The tone starts at {onset:0.0000} s of the render of a {container} whose sound starts {soundDelay} s and picture {pictureDelay} s late (subclip from {subclip} s); expected {expected} s.");
    }

    /// <summary>The first time ffprobe prints for <paramref name="entries"/> of a stream (a decoded frame's, or the stream's start).</summary>
    private static double FirstTime(string path, string stream, string entries)
    {
        var result = ToolRunner.Run("ffprobe", ["-v", "error", "-select_streams", stream, "-read_intervals", "%+#8", "-show_entries", entries, "-of", "csv=p=0", path]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return System.Text.Encoding.ASCII.GetString(result.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => double.Parse(l.Trim().TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture)).First();
    }

    private static string[] Offset(double seconds) =>
        seconds > 0 ? ["-itsoffset", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];

    /// <summary>When the render's sound first reaches half the tone's level, in seconds from its first sample.</summary>
    private static double Onset(string path)
    {
        var decoded = ToolRunner.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-i", path, "-map", "0:a", "-ac", "1", "-f", "f32le", "-c:a", "pcm_f32le", "-"]);
        Assert.True(decoded.ExitCode == 0, $"ffmpeg could not decode the sound of {path}: {decoded.Stderr}");
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(decoded.Stdout);
        for (var i = 0; i < samples.Length; i++)
        {
            if (Math.Abs(samples[i]) >= 0.25f)
                return i / 48000.0;
        }
        Assert.Fail($"The render's sound never reaches the tone's level ({samples.Length} samples).");
        return double.NaN;
    }
}
