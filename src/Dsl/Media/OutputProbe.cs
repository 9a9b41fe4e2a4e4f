using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// What a just-written file holds, read back before the file is renamed into place: its packets per stream (counted by
/// reading the file through, without decoding: a file cut short or without its index has fewer or none) and its duration.
/// libavformat reads it in this process when it can (<see cref="Native.LibAvDemuxer"/>), ffprobe otherwise, and
/// for a file libavformat cannot open, so the error is in ffprobe's words. Pictures of a sequence are checked by their own
/// signatures instead (<see cref="CheckPicture"/>).
/// </summary>
internal static class OutputProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    internal sealed record Counts(long VideoPackets, long AudioPackets, double? Duration);

    /// <summary>ffprobe's arguments, pinned by tests.</summary>
    public static IReadOnlyList<string> BuildArguments(string path) =>
        ["-v", "error", "-count_packets", "-show_entries", "stream=index,codec_type,nb_read_packets:format=duration", "-of", "default=noprint_wrappers=1", path];

    /// <summary>The packets and duration of <paramref name="path"/>; throws with ffprobe's words when it cannot read the file.</summary>
    public static Counts Read(string path, string outputName) => ReadInProcess(path) ?? ReadWithFfprobe(path, outputName);

    /// <summary>What ffprobe would say of <paramref name="path"/>, read with libavformat here; null when it cannot be (<see cref="Native.LibAvDemuxer.TryOpen"/>).</summary>
    internal static Counts? ReadInProcess(string path)
    {
        using var file = Native.LibAvDemuxer.TryOpen(path);
        if (file is null)
            return null;
        long video = 0, audio = 0;
        while (file.ReadPacket(out var stream, out _, out _, out _))
        {
            // A stream that appears while reading (the header did not list it) is not one ffprobe counts either.
            if ((uint)stream >= (uint)file.StreamCount)
                continue;
            if (file.StreamType(stream) == Native.LibAv.MediaTypeVideo) video++;
            else if (file.StreamType(stream) == Native.LibAv.MediaTypeAudio) audio++;
        }
        return new Counts(video, audio, file.Duration);
    }

    /// <summary>What <see cref="Read"/> gives, always from an ffprobe process.</summary>
    internal static Counts ReadWithFfprobe(string path, string outputName)
    {
        var info = new ProcessStartInfo(FfmpegTools.FfprobePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in BuildArguments(path)) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = CleanupRegistry.Start(info) ?? throw new ScriptComposerException("ffprobe could not be started.");
        }
        catch (Win32Exception e)
        {
            throw new ScriptComposerException($"ffprobe could not be started to check '{outputName}': {e.Message}. {FfmpegTools.InstallHint}", e);
        }
        using (process)
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw OutputFile.CouldNotWrite(outputName, $"ffprobe did not finish reading it back within {Timeout.TotalMinutes:0} minutes.");
            }
            var errors = stderr.GetAwaiter().GetResult().Trim();
            if (process.ExitCode != 0)
                throw OutputFile.CouldNotWrite(outputName, $"ffprobe cannot read back what ffmpeg wrote ({(errors.Length > 0 ? errors : $"exit code {process.ExitCode}")}).");
            return Parse(stdout);
        }
        finally
        {
            CleanupRegistry.Forget(process);
        }
    }

    /// <summary>
    /// Reads ffprobe's "key=value" lines: each stream's index, codec_type then nb_read_packets, then the format's duration. A stream
    /// listed again (an MPEG-TS lists its streams under its program too) is counted once.
    /// </summary>
    internal static Counts Parse(string output)
    {
        long video = 0, audio = 0;
        double? duration = null;
        string? type = null;
        var seen = new HashSet<long>();
        var again = false;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
                continue;
            var (key, value) = (line[..equals], line[(equals + 1)..]);
            switch (key)
            {
                case "index" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index):
                    again = !seen.Add(index);
                    break;
                case "codec_type":
                    type = again ? null : value;
                    break;
                case "nb_read_packets" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var packets):
                    if (type == "video") video += packets;
                    else if (type == "audio") audio += packets;
                    break;
                case "duration" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds):
                    duration = seconds;
                    break;
            }
        }
        return new Counts(video, audio, duration);
    }

    /// <summary>
    /// Throws unless <paramref name="counts"/> show <paramref name="frames"/> video frames (one packet each) lasting about
    /// <paramref name="seconds"/>, and sound when <paramref name="withAudio"/>.
    /// </summary>
    public static void RequireVideo(Counts counts, string outputName, long frames, double seconds, double frameSeconds, bool withAudio)
    {
        if (counts.VideoPackets != frames)
            throw OutputFile.CouldNotWrite(outputName,
                $"{frames} frames went to ffmpeg, but the file it wrote holds {counts.VideoPackets}. (ffmpegArgs that change the frame rate, such as -r, make this too: use Render's fps: instead.)");
        if (withAudio && counts.AudioPackets == 0)
            throw OutputFile.CouldNotWrite(outputName, "the file ffmpeg wrote has no sound, though the clip has.");
        RequireDuration(counts, outputName, seconds, frameSeconds);
    }

    /// <summary>
    /// Throws unless the sound file at <paramref name="path"/>, written for <paramref name="outputName"/> with <paramref name="codec"/>
    /// in <paramref name="format"/>, holds sound lasting <paramref name="seconds"/>, measured as an input's length is (<see cref="MediaProbe"/>):
    /// a lossy codec's sound is decoded and its samples counted (<see cref="DecodedSoundLength"/>), outside MP4 and MOV, whose edit
    /// lists state it exactly. The length such a container declares counts the encoder's delay and padding (LAME's MP3 of 0.7 s at
    /// 8 kHz declares 0.864 s: its 576-sample frames), so it is no measure of a short file. The sound may differ by two of the codec's
    /// frames (decoders trim the delay and padding to within a few samples, and a file is padded to a whole frame); a file cut
    /// shorter than that is refused.
    /// </summary>
    public static void RequireAudio(string path, string outputName, double seconds, string codec, Audio.AudioFormat format)
    {
        var counts = Read(path, outputName);
        if (counts.AudioPackets == 0)
            throw OutputFile.CouldNotWrite(outputName, "the file ffmpeg wrote holds no sound.");
        // How long one of the codec's frames lasts: each packet holds one.
        var frame = counts.Duration is { } stated ? stated / counts.AudioPackets : 0;
        var exactContainer = Path.GetExtension(outputName).ToLowerInvariant() is ".m4a" or ".mp4" or ".mov";
        if (!exactContainer && counts.Duration is { } declared && DecodedSoundLength.NeedsDecoding(codec)
            && DecodedSoundLength.Seconds(Path.GetFullPath(path), format.SampleRate, format.Layout) is { } decoded)
        {
            var length = Math.Min(decoded, declared);
            if (Math.Abs(length - seconds) > 2 * frame + 2.0 / format.SampleRate)
                throw OutputFile.CouldNotWrite(outputName, FormattableString.Invariant(
                    $"it should last {seconds:0.###} s, but the sound in the file ffmpeg wrote decodes to {length:0.###} s ({Math.Abs(length - seconds) / frame:0.#} of its {frame * format.SampleRate:0}-sample frames {(length < seconds ? "short" : "over")})."));
            return;
        }
        RequireDuration(counts, outputName, seconds, frame);
    }

    /// <summary>
    /// Throws unless the picture file at <paramref name="path"/> is complete: a PNG from its signature to its IEND chunk,
    /// a JPEG from its start-of-image to its end-of-image marker.
    /// </summary>
    public static void CheckPicture(string path, string outputName)
    {
        Span<byte> head = stackalloc byte[8];
        Span<byte> tail = stackalloc byte[12];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var whole = file.Length >= tail.Length;
        if (whole)
        {
            file.ReadExactly(head);
            file.Seek(-tail.Length, SeekOrigin.End);
            file.ReadExactly(tail);
            whole = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".png" => head.SequenceEqual(PngSignature) && tail[4..].SequenceEqual(PngEnd),
                ".jpg" or ".jpeg" => head[0] == 0xFF && head[1] == 0xD8 && tail[^2] == 0xFF && tail[^1] == 0xD9,
                _ => true,
            };
        }
        if (!whole)
            throw OutputFile.CouldNotWrite(outputName, $"the picture {Path.GetFileName(path)} ffmpeg wrote is cut short ({file.Length} bytes).");
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // The IEND chunk's type and CRC.
    private static ReadOnlySpan<byte> PngEnd => [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    private static void RequireDuration(Counts counts, string outputName, double seconds, double frameSeconds)
    {
        if (counts.Duration is not { } duration)
            throw OutputFile.CouldNotWrite(outputName, "ffprobe finds no duration in the file ffmpeg wrote.");
        // Containers round times (GIF to 1/100 s), and audio encoders pad their last packet.
        var slack = 2 * frameSeconds + 0.15 + 0.01 * seconds;
        if (Math.Abs(duration - seconds) > slack)
            throw OutputFile.CouldNotWrite(outputName, FormattableString.Invariant($"it should last {seconds:0.###} s, but the file ffmpeg wrote lasts {duration:0.###} s."));
    }
}
