using ScriptComposer.Dsl.Audio;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Reads a media file's size, exact duration, frame rate and sound with ffprobe, once per file version
/// (<see cref="ProbeCache"/>). ffprobe runs as its own process, its arguments passed as a list, rather than through the
/// libavformat bound in <see cref="Native"/>: its JSON carries every field sc needs in every FFmpeg version, where the
/// bound structures are reached by offsets that move between versions. A second, cheap run reads the last packets to
/// tell a truncated file from a whole one (<see cref="StreamEnds"/>).
/// </summary>
public static class MediaProbe
{
    public static MediaInfo Probe(string path)
    {
        RequireFile(path, "video");
        var media = ProbeCache.Video(Path.GetFullPath(path), () => ProbeUncached(path), DiskCache.Folder("probes"));
        MediaLimits.RequireWithinBudget(media.Path, media.Width, media.Height, "video");
        if (media.HasAudio)
            SoundEnds.Record(media.Path, media.SoundEnd);
        return media;
    }

    /// <summary>Reads an audio (or video) file's first audio stream.</summary>
    public static AudioInfo ProbeAudio(string path)
    {
        RequireFile(path, "audio");
        var audio = ProbeCache.Audio(Path.GetFullPath(path), () => ProbeAudioUncached(path), DiskCache.Folder("probes"));
        SoundEnds.Record(audio.Path, audio.SoundEnd);
        return audio;
    }

    private static MediaInfo ProbeUncached(string path)
    {
        var report = Analyse(path, "video");
        var video = report.FirstOf("video") ?? throw NoVideo(path, report);
        if (video.Width <= 0 || video.Height <= 0)
            throw video.CodecName == "webp" && IsAnimatedWebp(path)
                ? new ScriptComposerException(
                    $"'{path}' is an animated WebP, which this ffmpeg cannot decode (its WebP decoder reads still pictures only). " +
                    $"Convert it to a GIF first (with ImageMagick: convert {ShellQuote.Quote(path)} {ShellQuote.Quote(Path.ChangeExtension(path, ".gif"))}) " +
                    $"and give that to Video(...), or use Image(\"{path}\") for its first picture.")
                : new ScriptComposerException($"'{path}' has a video stream of size {video.Width}x{video.Height}, which cannot be decoded.");
        if (IsPictureContainer(report.FormatName))
            throw SinglePicture(path, video);
        var audio = report.FirstOf("audio");
        var measured = StreamEnds.Measure(Path.GetFullPath(path), audio is null ? [video] : [video, audio], report.FormatName);
        var duration = StreamEnds.Length(measured, video) ?? report.FormatDuration
            ?? throw (report.FormatName is "h264" or "hevc" or "mpegvideo" or "m4v" or "vc1" or "obu" or "rawvideo"
                ? new ScriptComposerException($"'{path}' is a bare {video.CodecName} stream, with no timestamps to tell its length or when its pictures show. " +
                    $"Put it in a container first, giving its frame rate (such as ffmpeg -framerate 25 -i in.h264 -c copy out.mp4), and use that.")
                : new ScriptComposerException($"'{path}' reports no duration; it may be a single picture (use Image(...)) or a broken file."));
        var fps = video.FrameRate ?? new FrameRate(25);
        // Pixels that are not square show stretched to square ones (an anamorphic DVD's 720x480 shows 853x480 wide), and a picture
        // turned a quarter shows with its sides swapped (ffmpeg turns the frames as it decodes them): that is the clip's size.
        var shownWidth = video.SampleAspect is var (num, den) ? Math.Max(2, (int)Math.Round((double)video.Width * num / den / 2) * 2) : video.Width;
        var quarter = video.Rotation is 90 or 270;
        var (width, height) = quarter ? (video.Height, shownWidth) : (shownWidth, video.Height);
        // VP8 and VP9 with alpha beside their pictures are read by libvpx, which keeps it, as pictures with alpha; an ffmpeg
        // built without libvpx (which then has neither its encoders nor its decoders) reads them opaque, as its own decoder does.
        var alphaDecoder = video.AlphaMode ? video.CodecName switch { "vp9" => "libvpx-vp9", "vp8" => "libvpx", _ => null } : null;
        if (alphaDecoder is not null && !HasLibvpx())
            alphaDecoder = null;
        return new MediaInfo(Path.GetFullPath(path), width, height, duration, fps,
            alphaDecoder is null ? video.PixelFormat : "yuva420p", audio is not null, audio?.Channels ?? 0, video.ColorSpace, video.ColorRange)
        {
            Decoder = alphaDecoder,
            DecodedWidth = quarter ? video.Height : video.Width,
            DecodedHeight = quarter ? video.Width : video.Height,
            Rotation = video.Rotation,
            FrameTimes = VideoFrameTimes.Read(Path.GetFullPath(path), video, fps, report.FormatName),
            FrameTimeTick = video.Seconds(1) ?? 0,
            PictureEnd = StreamEnds.ShortEnd(measured, video),
            SoundEnd = audio is null ? null : StreamEnds.ShortEnd(measured, audio),
            VideoStart = video.Start,
            Container = report.FormatName,
        };
    }

    /// <summary>
    /// Whether libavformat read the file as one picture: its image demuxers are "image2" (chosen by the name's extension: .jpg,
    /// .svg, .tif) and one "*_pipe" per picture format (chosen by the contents: jpeg_pipe, png_pipe, svg_pipe, webp_pipe, ...),
    /// whatever the extension. gif_pipe is left out: a GIF may be animated (the "gif" demuxer reads those).
    /// </summary>
    internal static bool IsPictureContainer(string? container) =>
        container is not null && container.Split(',').Any(name =>
            name is "image2" or "image2pipe" || (name.EndsWith("_pipe", StringComparison.Ordinal) && name != "gif_pipe"));

    /// <summary>
    /// The error for a picture given to Video(...): ffprobe calls it a video of one frame (0.04 s at its default 25 fps, or no length
    /// at all), which failed later as too short for the clip. Image(...) reads what Skia decodes; other pictures are converted first.
    /// </summary>
    private static ScriptComposerException SinglePicture(string path, ProbedStream video)
    {
        if (video.CodecName is "mjpeg" or "png" or "webp" or "gif" or "bmp")
            return new ScriptComposerException(
                $"'{path}' is a single picture, not a video. Use Image(\"{path}\") for it, which lasts as long as it is given (Image(...).WithDuration(seconds)).");
        var png = Path.ChangeExtension(path, ".png");
        return new ScriptComposerException(
            $"'{path}' is a single picture ({video.CodecName}), not a video, and Image(...) reads PNG, JPEG, WebP, GIF and BMP pictures. " +
            $"Convert it to PNG first (ffmpeg -i {ShellQuote.Quote(path)} {ShellQuote.Quote(png)}) and use Image(\"{png}\").");
    }

    /// <summary>
    /// Whether the file is a WebP holding an animation: a RIFF "WEBP" whose extended header (VP8X) sets the animation flag. ffmpeg
    /// before version 8 reads only still WebP pictures, and ffprobe calls an animated one a stream of size 0x0.
    /// </summary>
    private static bool IsAnimatedWebp(string path)
    {
        Span<byte> header = stackalloc byte[21];
        try
        {
            using var file = File.OpenRead(path);
            if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
                return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        const byte AnimationFlag = 0x02;
        return header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8) && header[12..16].SequenceEqual("VP8X"u8)
            && (header[20] & AnimationFlag) != 0;
    }

    /// <summary>Whether this ffmpeg has libvpx (its VP8 and VP9 encoders and decoders come together).</summary>
    private static bool HasLibvpx()
    {
        try
        {
            return FfmpegTools.Encoders().Contains("libvpx-vp9");
        }
        catch (ScriptComposerException)
        {
            return false; // no ffmpeg to ask: it will be named when a frame is read
        }
    }

    /// <summary>
    /// Why <paramref name="path"/> is no video. A cover picture (an MP3's album art) is listed as a video stream of one picture: taken
    /// for a video, it showed for one frame and then failed as a "truncated" file.
    /// </summary>
    private static ScriptComposerException NoVideo(string path, FfprobeReport report)
    {
        if (!report.HasAttachedPicture)
            return report.FirstOf("audio") is not null
                ? new ScriptComposerException($"'{path}' holds sound only, no video. Use Audio(\"{path}\") for its sound, or give a video file to Video(...).")
                : new ScriptComposerException($"'{path}' has no video stream. Give a video file, or use Image(...) for a picture.");
        return report.FirstOf("audio") is not null
            ? new ScriptComposerException($"'{path}' holds sound and a cover picture only, no video. Use Audio(\"{path}\") for its sound, or give a video file to Video(...).")
            : new ScriptComposerException($"'{path}' holds a cover picture only, no video. Give a video file to Video(...).");
    }

    private static AudioInfo ProbeAudioUncached(string path)
    {
        var report = Analyse(path, "audio");
        var audio = report.FirstOf("audio")
            ?? throw new ScriptComposerException($"'{path}' has no audio stream. Give a file with sound, or use Silence(seconds).");
        var measured = StreamEnds.Measure(Path.GetFullPath(path), [audio], report.FormatName);
        var declared = StreamEnds.Length(measured, audio) ?? report.FormatDuration
            ?? throw new ScriptComposerException($"'{path}' reports no audio duration; the file may be broken.");
        var soundEnd = StreamEnds.ShortEnd(measured, audio);
        var layout = LayoutName(audio);
        // A truncated file keeps its declared length, so that playing past its end is refused with the file named (SoundEnds).
        // Past the decoded sound, AAC in an MP4 decodes its encoder's padding too, which the declared length (its edit list) leaves out.
        // An MP4 or MOV states its sound's length exactly (its edit list), so its sound is not decoded to be measured: that would cost
        // seconds for an hour of it, for a length the declared one bounds anyway.
        var exactContainer = report.FormatName?.Split(',').Contains("mov") == true;
        var decoded = soundEnd is null && !exactContainer && DecodedSoundLength.NeedsDecoding(audio.CodecName) && audio is { SampleRate: > 0, Channels: > 0 }
            ? DecodedSoundLength.Seconds(Path.GetFullPath(path), audio.SampleRate, ChannelLayout.Parse(layout, audio.Channels))
            : null;
        var duration = decoded is { } length ? Math.Min(length, declared) : declared;
        return new AudioInfo(Path.GetFullPath(path), duration, audio.SampleRate, audio.Channels, layout)
        {
            SoundEnd = soundEnd,
            Start = FirstSoundTime(Path.GetFullPath(path), audio) ?? audio.Start,
        };
    }

    /// <summary>
    /// When the first decoded sound of <paramref name="audio"/> plays, in the file's timeline: the stream's start, less what the decoder
    /// drops first (Opus's pre-skip, which an MKV or WebM counts in its start: the sound then starts 6.5 ms later than the stream says).
    /// Null when ffprobe decodes none.
    /// </summary>
    private static double? FirstSoundTime(string fullPath, ProbedStream audio)
    {
        var (code, output, _) = FfmpegTools.Run(FfmpegTools.FfprobePath, FirstFrameArguments(fullPath, audio.Index));
        if (code != 0)
            return null;
        foreach (var line in output.AsSpan().EnumerateLines())
        {
            if (ProbedStream.DecimalSeconds(line.Trim().TrimEnd(',').ToString()) is { } seconds)
                return seconds;
        }
        return null;
    }

    /// <summary>The exact ffprobe arguments that decode the first few packets of one stream and print the frames' times; pinned by tests.</summary>
    public static IReadOnlyList<string> FirstFrameArguments(string fullPath, int stream) =>
    [
        "-v", "error", "-select_streams", stream.ToString(System.Globalization.CultureInfo.InvariantCulture), "-read_intervals", "%+#8",
        "-show_entries", "frame=best_effort_timestamp_time", "-of", "csv=p=0", FfprobeReport.FileArgument(fullPath),
    ];

    /// <summary>The layout ffprobe names, else the one ffmpeg assumes for the channel count (av_channel_layout_default).</summary>
    private static string LayoutName(ProbedStream audio) =>
        audio.ChannelLayout is { Length: > 0 } named && named != "unknown" && !named.EndsWith(" channels", StringComparison.Ordinal) ? named : audio.Channels switch
        {
            1 => "mono",
            2 => "stereo",
            3 => "2.1",
            4 => "4.0",
            5 => "5.0",
            6 => "5.1",
            7 => "6.1",
            8 => "7.1",
            var n => $"{n} channels",
        };

    private static void RequireFile(string path, string kind) => InputFile.Require(path, kind, $"Give the path of {Article(kind)} file.");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> RefusesSideData = new(StringComparer.Ordinal);

    private static FfprobeReport Analyse(string path, string kind)
    {
        var ffprobe = FfmpegTools.FfprobePath;
        var sideData = !RefusesSideData.ContainsKey(ffprobe);
        var (code, output, errors) = FfmpegTools.Run(ffprobe, FfprobeReport.Arguments(path, sideData));
        if (code != 0 && sideData)
        {
            (code, output, errors) = FfmpegTools.Run(ffprobe, FfprobeReport.Arguments(path, sideData: false));
            if (code == 0)
                RefusesSideData[ffprobe] = true; // an ffprobe older than 5: asked without it from now on
        }
        if (code != 0)
            throw new ScriptComposerException($"'{path}' is not {Article(kind)} file ffmpeg can read ({FirstLine(errors)}). Check that the file is complete and is {Article(kind)}.");
        try
        {
            return FfprobeReport.Parse(output);
        }
        catch (FormatException e)
        {
            throw new ScriptComposerException($"ffprobe's description of '{path}' could not be read ({e.Message}). Check that ffprobe comes from the same ffmpeg as ffmpeg itself.", e);
        }
    }

    private static string Article(string kind) => kind == "audio" ? "an audio" : "a video";

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "unknown error";
}
