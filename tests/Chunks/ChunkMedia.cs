using System.Globalization;
using System.Security.Cryptography;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Chunks;

/// <summary>
/// The composition the chunk tests render (two videos crossfading across chunk boundaries, a title fading in and out, a
/// fade of the whole, a tone and a video's own sound) and what they compare: every decoded frame, the decoded sound, and
/// the packets' timestamps.
/// </summary>
internal static class ChunkMedia
{
    /// <summary>Writes the media and the script into <paramref name="folder"/>; returns the script's path. <paramref name="lossless"/>: x264 -qp 0 and FLAC in MKV.</summary>
    public static string Script(TempFolder folder, bool lossless = true)
    {
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=2", "-f", "lavfi", "-i", "sine=f=330:d=2:r=48000",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", folder["a.mp4"]);
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "mandelbrot=s=160x120:r=30", "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", folder["b.mp4"]);
        var encoding = lossless
            ? """codec: "libx264", ffmpegArgs: new[] { "-qp", "0" }, audioCodec: "flac", preset: "ultrafast" """
            : """preset: "ultrafast" """;
        return folder.Write("comp.csx", $$"""
            var a = Video("a.mp4").Subclip(0, 1.8);
            // Starts at 1.2 s and crossfades over 0.6 s: across the boundaries of 2, 3 and 4 chunks of 60 frames.
            var b = Video("b.mp4").Subclip(0, 0.8).WithStart(1.2).CrossFadeIn(0.6);
            var title = Text(Args.Get("title", "Chunks"), size: 20, color: "white").At("center", 10).WithDuration(1.6).FadeIn(0.4).FadeOut(0.4);
            var tone = Tone(440, 2, 0.2).AudioFadeIn(0.3);
            Render(Composite(160, 120, a, b, title, tone).WithDuration(2).FadeIn(0.2).FadeOut(0.2), Args.Get("out", "out.mkv"), fps: 30, {{encoding}});
            """);
    }

    /// <summary>The MD5 of every decoded frame, in order (no frame dropped or repeated: passthrough).</summary>
    public static IReadOnlyList<string> Frames(string path)
    {
        var result = ToolRunner.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-i", path, "-map", "0:v", "-fps_mode", "passthrough", "-f", "framemd5", "-"]);
        Assert.True(result.ExitCode == 0, $"ffmpeg could not decode {path}: {result.Stderr}");
        return System.Text.Encoding.ASCII.GetString(result.Stdout).Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split(',')[^1].Trim())
            .ToList();
    }

    /// <summary>The decoded sound as 32-bit floats: its SHA-256 and its sample count.</summary>
    public static (string Hash, long Samples) Audio(string path)
    {
        var result = ToolRunner.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-i", path, "-map", "0:a", "-f", "f32le", "-c:a", "pcm_f32le", "-"]);
        Assert.True(result.ExitCode == 0, $"ffmpeg could not decode the sound of {path}: {result.Stderr}");
        return (Convert.ToHexString(SHA256.HashData(result.Stdout)), result.Stdout.Length / 4);
    }

    /// <summary>The video packets' presentation times in seconds, in order of time.</summary>
    public static IReadOnlyList<double> VideoTimes(string path) => PacketTimes(path, "v");

    /// <summary>The first and last presentation times of the sound's packets.</summary>
    public static IReadOnlyList<double> AudioTimes(string path) => PacketTimes(path, "a");

    private static IReadOnlyList<double> PacketTimes(string path, string stream)
    {
        var result = ToolRunner.Run("ffprobe", ["-v", "error", "-select_streams", stream, "-show_entries", "packet=pts_time", "-of", "csv=p=0", path]);
        Assert.True(result.ExitCode == 0, $"ffprobe could not read {path}: {result.Stderr}");
        return System.Text.Encoding.ASCII.GetString(result.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => double.Parse(t.Trim().TrimEnd(','), CultureInfo.InvariantCulture))
            .Order()
            .ToList();
    }

    /// <summary>Asserts that <paramref name="chunked"/> decodes to exactly the frames and sound of <paramref name="whole"/>, at the same times.</summary>
    public static void AssertSamePictureAndSound(string whole, string chunked, int frames = 60)
    {
        var expected = Frames(whole);
        var actual = Frames(chunked);
        Assert.Equal(frames, expected.Count);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(expected[i] == actual[i], $"Frame {i} of the chunked render differs from the one-process render's.");
        Assert.Equal(VideoTimes(whole), VideoTimes(chunked));
        Assert.Equal(Audio(whole), Audio(chunked));
    }
}
