using System.Globalization;
using System.Text.RegularExpressions;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>Measures the sound of a file with ffmpeg's own analysers (silencedetect, astats), independent of the code under test.</summary>
internal static partial class AudioProbe
{
    /// <summary>The (start, end) of every stretch of sound louder than −40 dB, in seconds.</summary>
    public static IReadOnlyList<(double Start, double End)> SoundingIntervals(string path, double duration)
    {
        var result = ToolRunner.Run("ffmpeg", ["-hide_banner", "-nostdin", "-i", path, "-af", "silencedetect=n=-40dB:d=0.05", "-f", "null", "-"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var starts = SilenceStart().Matches(result.Stderr).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var ends = SilenceEnd().Matches(result.Stderr).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        // Sound lies between the end of one silence and the start of the next.
        var bounds = new List<(double, double)>();
        var soundFrom = starts.Count > 0 && starts[0] < 1e-3 ? (double?)null : 0.0;
        var events = starts.Select(s => (Time: s, Silence: true)).Concat(ends.Select(e => (Time: e, Silence: false))).OrderBy(e => e.Time).ToList();
        foreach (var (time, silence) in events)
        {
            if (silence && soundFrom is { } from && time - from > 1e-3) { bounds.Add((from, time)); soundFrom = null; }
            else if (!silence && time < duration - 1e-3) soundFrom = time;
        }
        if (soundFrom is { } last) bounds.Add((last, duration));
        return bounds;
    }

    /// <summary>The RMS level of the whole file in dBFS (the first channel).</summary>
    public static double RmsDb(string path)
    {
        var result = ToolRunner.Run("ffmpeg", ["-hide_banner", "-nostdin", "-i", path, "-af", "astats=measure_overall=RMS_level:measure_perchannel=none", "-f", "null", "-"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var match = RmsLevel().Match(result.Stderr);
        Assert.True(match.Success, $"astats printed no RMS level:\n{result.Stderr}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The audio stream's codec, sample rate and duration, or null when the file has none.</summary>
    public static (string Codec, int SampleRate, double Duration)? Stream(string path)
    {
        var result = ToolRunner.Run("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name,sample_rate:format=duration", "-of", "default=nw=1", path]);
        var text = System.Text.Encoding.UTF8.GetString(result.Stdout);
        var codec = Regex.Match(text, "codec_name=(\\S+)");
        if (!codec.Success) return null;
        return (codec.Groups[1].Value,
            int.Parse(Regex.Match(text, "sample_rate=(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(Regex.Match(text, "duration=([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The first audio stream's sample rate, channel count and ffprobe's name for its layout.</summary>
    public static (int SampleRate, int Channels, string Layout) Format(string path)
    {
        var result = ToolRunner.Run("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=sample_rate,channels,channel_layout", "-of", "default=nw=1", path]);
        var text = System.Text.Encoding.UTF8.GetString(result.Stdout);
        Assert.True(result.ExitCode == 0 && text.Contains("sample_rate=", StringComparison.Ordinal), $"ffprobe found no audio in {path}:\n{result.Stderr}");
        return (int.Parse(Regex.Match(text, "sample_rate=(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(Regex.Match(text, "channels=(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture),
            Regex.Match(text, "channel_layout=(\\S*)").Groups[1].Value);
    }

    /// <summary>Every sample of the first audio stream as ffmpeg decodes it, interleaved, at the stream's own rate and channels.</summary>
    public static float[] Samples(string path)
    {
        var result = ToolRunner.Run("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-i", path, "-map", "0:a:0", "-c:a", "pcm_f32le", "-f", "f32le", "pipe:1"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(result.Stdout).ToArray();
    }

    /// <summary>The largest difference between two runs of samples of the same length, and where it is.</summary>
    public static (double Error, int At) MaxError(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var (error, at) = (0.0, -1);
        for (var i = 0; i < expected.Length; i++)
        {
            var e = Math.Abs(expected[i] - (double)actual[i]);
            if (e > error) (error, at) = (e, i);
        }
        return (error, at);
    }

    [GeneratedRegex(@"silence_start: (-?[0-9.]+)")]
    private static partial Regex SilenceStart();

    [GeneratedRegex(@"silence_end: ([0-9.]+)")]
    private static partial Regex SilenceEnd();

    [GeneratedRegex(@"RMS level dB: (-?[0-9.]+)")]
    private static partial Regex RmsLevel();
}
