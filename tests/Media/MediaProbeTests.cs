using System.Text.Json;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// What <see cref="MediaProbe"/> reads: durations exact to the sample and the frame (never rounded to the millisecond),
/// the sound's channel layout, whether a file is whole, and the exact ffprobe command lines.
/// </summary>
public sealed class MediaProbeTests : IDisposable
{
    private readonly TempFolder _folder = new("probe");

    public void Dispose() => _folder.Dispose();

    [SkippableTheory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    public void An_mkv_video_lasts_as_long_as_its_pictures_however_late_it_starts(double late)
    {
        // ffmpeg's Matroska DURATION tag is where a stream ends on the file's clock: behind AAC's priming (21 ms) or a late start,
        // more than its length.
        ToolRunner.RequireFfmpeg();
        var path = _folder[$"late-{late}.mkv"];
        ToolRunner.Ffmpeg("-itsoffset", late.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "lavfi", "-i", "testsrc2=s=64x48:r=30:d=3",
            "-f", "lavfi", "-i", "sine=d=3.5", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", path);

        var media = MediaProbe.Probe(path);

        Assert.Equal(3.0, media.Duration, 3);
        Assert.Null(media.PictureEnd);
        Assert.Equal(90, new FrameRate(30).FrameCount(media.Duration));
    }

    [SkippableTheory]
    [InlineData(48000, 399111)]
    [InlineData(44100, 366677)]
    public void A_wav_lasts_exactly_its_samples(int rate, int samples)
    {
        ToolRunner.RequireFfmpeg();
        var path = _folder[$"tone-{rate}.wav"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", $"sine=f=440:r={rate}", "-af", $"atrim=end_sample={samples}", "-c:a", "pcm_s16le", path);

        var audio = MediaProbe.ProbeAudio(path);

        // 8.3148125 s and 8.3146712... s: ffprobe's own text says 8.314813 and 8.314671, the old probe read 8.314.
        Assert.Equal((double)samples / rate, audio.Duration);
        Assert.Equal(samples, (long)Math.Round(audio.Duration * rate));
        Assert.Equal(rate, audio.SampleRate);
    }

    [SkippableTheory]
    [InlineData(1, "mono")]
    [InlineData(2, "stereo")]
    [InlineData(6, "5.1")]
    public void The_channel_layout_is_named_or_ffmpegs_default_for_the_count(int channels, string layout)
    {
        ToolRunner.RequireFfmpeg();
        var path = _folder[$"c{channels}.wav"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=r=48000:d=0.5", "-ac", channels.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:a", "pcm_s16le", path);

        var audio = MediaProbe.ProbeAudio(path);

        Assert.Equal((channels, layout), (audio.Channels, audio.ChannelLayout));
    }

    [SkippableFact]
    public void A_video_lasts_exactly_its_frames_at_29_97()
    {
        ToolRunner.RequireFfmpeg();
        var path = _folder["ntsc.mp4"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=64x48:r=30000/1001", "-frames:v", "10", "-c:v", "libx264", "-pix_fmt", "yuv420p", path);

        var media = MediaProbe.Probe(path);

        Assert.Equal(10 * 1001 / 30000.0, media.Duration);
        Assert.Equal(new FrameRate(30000, 1001), media.FrameRate);
        Assert.Null(media.PictureEnd);
    }

    [Theory]
    [InlineData("25/1", "25/1", 25, 1)]
    [InlineData("30000/1001", "60000/1001", 30000, 1001)]
    [InlineData("2960/100", "30/1", 296, 10)]
    [InlineData("24/1", "24000/1001", 24, 1)]
    [InlineData("50/1", "25/1", 25, 1)]
    [InlineData("0/0", "25/1", 25, 1)]
    [InlineData("25/1", "90000/1", 25, 1)]
    public void The_average_rate_is_the_pictures_rate_unless_it_is_above_the_base_rate(string average, string real, int numerator, int denominator)
    {
        var stream = ProbedStream.Parse(JsonDocument.Parse($$"""{"avg_frame_rate": "{{average}}", "r_frame_rate": "{{real}}"}""").RootElement);

        Assert.Equal(new FrameRate(numerator, denominator), stream.FrameRate);
    }

    [SkippableFact]
    public void H264_with_b_frames_copied_into_an_avi_shows_its_pictures_at_their_own_rate()
    {
        // ffmpeg copies the stream into an AVI that ticks twice a picture: its header counts 150 ticks in 3 s (avg_frame_rate 50)
        // for 75 pictures (r_frame_rate 25). Counted at 50 a second, it played at double speed and then failed as "truncated".
        ToolRunner.RequireFfmpeg();
        var mov = _folder["b.mov"];
        var avi = _folder["b.avi"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=64x48:r=25:d=3", "-c:v", "libx264", "-bf", "2", "-pix_fmt", "yuv420p", mov);
        ToolRunner.Ffmpeg("-i", mov, "-c:v", "copy", avi);
        var report = FfprobeReport.Parse(System.Text.Encoding.UTF8.GetString(ToolRunner.Run("ffprobe", FfprobeReport.Arguments(avi)).Stdout));
        Skip.If(report.FirstOf("video")!.AverageFrameRate != "50/1", $"this ffmpeg writes the AVI at {report.FirstOf("video")!.AverageFrameRate}, not the double rate");
        var decoded = ToolRunner.Run("ffmpeg", ["-v", "error", "-nostdin", "-i", avi, "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"]);
        Assert.True(decoded.ExitCode == 0, decoded.Stderr);
        var frameBytes = 64 * 48 * 3 / 2;
        Assert.Equal(75, decoded.Stdout.Length / frameBytes);

        var media = MediaProbe.Probe(avi);
        using var reader = new VideoReader(media, 64, 48);

        Assert.Equal((new FrameRate(25), 3.0), (media.FrameRate, media.Duration));
        Assert.Equal(25, media.FrameAt(1.0));
        foreach (var index in new[] { 25, 74 })
            Assert.True(decoded.Stdout.AsSpan(index * frameBytes, frameBytes).SequenceEqual(reader.ReadFrame(index)), $"picture {index} is not ffmpeg's");
    }

    [SkippableFact]
    public void An_animated_webp_is_named_with_the_conversion_and_Image_for_its_first_picture()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(FfmpegTools.Encoders().Contains("libwebp_anim"), "this ffmpeg cannot write animated WebP");
        var path = _folder["anim.webp"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=64x48:r=10:d=1", "-c:v", "libwebp_anim", "-lossless", "1", "-loop", "0", path);
        var report = FfprobeReport.Parse(System.Text.Encoding.UTF8.GetString(ToolRunner.Run("ffprobe", FfprobeReport.Arguments(path)).Stdout));
        Skip.If(report.FirstOf("video")!.Width > 0, "this ffmpeg decodes animated WebP");

        var error = Assert.Throws<ScriptComposerException>(() => MediaProbe.Probe(path));

        Assert.Contains("is an animated WebP, which this ffmpeg cannot decode", error.Message, StringComparison.Ordinal);
        Assert.Contains($"convert {path} {_folder["anim.gif"]}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Image(\"{path}\") for its first picture", error.Message, StringComparison.Ordinal);
        Assert.Equal((64, 48), (ImageLoader.Load(path).Width, ImageLoader.Load(path).Height));
    }

    [SkippableTheory]
    [InlineData("photo.jpg", null)]
    [InlineData("photo.png", null)]
    [InlineData("photo.bmp", null)]
    [InlineData("photo.tiff", "tiff")]
    [InlineData("drawing.svg", "svg")]
    [InlineData("photo.mp4", null)]
    public void A_single_picture_given_as_a_video_is_named_as_a_picture_with_Image_or_the_conversion(string name, string? unreadable)
    {
        // ffprobe reads a picture as a video of one frame (0.04 s, or no length): a JPEG failed only later, as having "only 0.04 s of
        // material". photo.mp4 is a JPEG under a video's name, read by its contents (jpeg_pipe).
        ToolRunner.RequireFfmpeg();
        var path = _folder[name];
        if (name.EndsWith(".svg", StringComparison.Ordinal))
            File.WriteAllText(path, """<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><rect width="64" height="48" fill="red"/></svg>""");
        else
            ToolRunner.Ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=64x48", "-frames:v", "1", .. name.EndsWith(".mp4", StringComparison.Ordinal) ? new[] { "-f", "mjpeg" } : [], path]);
        var report = FfprobeReport.Parse(System.Text.Encoding.UTF8.GetString(ToolRunner.Run("ffprobe", FfprobeReport.Arguments(path)).Stdout));
        Skip.If(report.FirstOf("video") is null, $"this ffmpeg does not read {name}");

        var error = Assert.Throws<ScriptComposerException>(() => MediaProbe.Probe(path));

        Assert.Contains($"'{path}' is a single picture", error.Message, StringComparison.Ordinal);
        if (unreadable is null)
        {
            Assert.Contains($"Use Image(\"{path}\")", error.Message, StringComparison.Ordinal);
            Assert.Equal((64, 48), (ImageLoader.Load(path).Width, ImageLoader.Load(path).Height));
        }
        else
        {
            var png = Path.ChangeExtension(path, ".png");
            Assert.Contains($"({unreadable})", error.Message, StringComparison.Ordinal);
            Assert.Contains($"ffmpeg -i {path} {png}) and use Image(\"{png}\")", error.Message, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void A_file_cut_in_half_with_its_index_in_front_says_where_its_streams_end()
    {
        ToolRunner.RequireFfmpeg();
        var whole = _folder["whole.mp4"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=4", "-f", "lavfi", "-i", "sine=r=48000:d=4",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", whole);
        var half = TruncatedCopy(whole, "half.mp4");

        var complete = MediaProbe.Probe(whole);
        var cut = MediaProbe.Probe(half);
        var cutSound = MediaProbe.ProbeAudio(half);

        Assert.Equal((null, null), (complete.PictureEnd, complete.SoundEnd));
        Assert.Null(MediaProbe.ProbeAudio(whole).SoundEnd);
        // The header still claims 4 s; the packets stop near the middle of the file.
        Assert.Equal(4, cut.Duration, 3);
        Assert.InRange(cut.PictureEnd ?? -1, 1, 3);
        Assert.InRange(cut.SoundEnd ?? -1, 1, 3);
        Assert.Equal(cut.SoundEnd, cutSound.SoundEnd);
    }

    [SkippableFact]
    public void An_mp3_whose_length_was_only_estimated_lasts_as_long_as_its_packets_and_is_not_called_truncated()
    {
        ToolRunner.RequireFfmpeg();
        var path = _folder["vbr.mp3"];
        // Quiet then loud, without the header that states the length: libavformat estimates it from the first frames'
        // low bitrate, about 0.2 s too long.
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "anoisesrc=d=8:r=44100,volume='if(lt(t,4),0.001,1)':eval=frame",
            "-c:a", "libmp3lame", "-q:a", "6", "-write_xing", "0", path);
        var lastPacket = ToolRunner.Run("ffprobe", ["-v", "error", "-show_entries", "packet=pts,duration", "-of", "csv=p=0", path]);
        var fields = System.Text.Encoding.UTF8.GetString(lastPacket.Stdout).Trim().Split('\n')[^1].Split(',');
        var end = (long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture)) / 14112000.0;

        var audio = MediaProbe.ProbeAudio(path);

        Assert.Null(audio.SoundEnd);
        Assert.Equal(end, audio.Duration, 6);
    }

    [SkippableTheory]
    [InlineData("aac.ts", "aac")]
    [InlineData("aac.m2ts", "aac")]
    [InlineData("ac3.m2ts", "ac3")]
    [InlineData("mp2.mpg", "mp2")]
    public void Sound_in_an_mpeg_ts_or_ps_lasts_to_its_last_packets_end(string name, string codec)
    {
        // An MPEG-TS states no length: libavformat reads it from the last timestamps, which leave out the last packet's own length,
        // several frames where a packet holds several (0.23 s of AAC). ffmpeg decodes them all, and so must sc. (An MPEG-PS's are right.)
        ToolRunner.RequireFfmpeg();
        var path = _folder[name];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=5:r=48000", "-c:a", codec, path);
        var decoded = ToolRunner.Run("ffmpeg", ["-v", "error", "-nostdin", "-i", path, "-ac", "1", "-f", "s16le", "-"]);
        Assert.True(decoded.ExitCode == 0, decoded.Stderr);

        var audio = MediaProbe.ProbeAudio(path);

        Assert.Equal(decoded.Stdout.Length / 2 / 48000.0, audio.Duration, 6);
        Assert.Null(audio.SoundEnd);
    }

    [SkippableTheory]
    [InlineData(25, 1)]
    [InlineData(30000, 1001)]
    public void A_video_in_an_mpeg_ts_lasts_to_its_last_frames_end_and_its_sound_to_its_last_packets(int numerator, int denominator)
    {
        ToolRunner.RequireFfmpeg();
        var path = _folder["av.ts"];
        var fps = new FrameRate(numerator, denominator);
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", $"testsrc2=s=64x48:r={numerator}/{denominator}", "-f", "lavfi", "-i", "sine=d=5:r=48000", "-frames:v", "125",
            "-c:v", "libx264", "-preset", "ultrafast", "-bf", "2", "-pix_fmt", "yuv420p", "-c:a", "aac", path);
        var start = Numbers(path, "stream=start_pts")[0][0];
        var packets = Numbers(path, "packet=pts,duration");
        var soundLength = (packets.Max(p => p[0] + p[1]) - start) / 90000.0;

        var media = MediaProbe.Probe(path);
        var sound = MediaProbe.ProbeAudio(path);

        Assert.Equal(fps.TimeOf(125), media.Duration, 6);
        Assert.Null(media.PictureEnd);
        Assert.Equal(soundLength, sound.Duration, 6);
        Assert.Null(media.SoundEnd);
    }

    [SkippableTheory]
    [InlineData("mpeg1.mpg", "mpeg1video", 0, 4)]
    [InlineData("mpeg2.mpg", "mpeg2video", 2, 3)]
    [InlineData("mpeg2.vob", "mpeg2video", 2, 2)]
    public void A_video_in_an_mpeg_ps_lasts_as_long_as_the_pictures_ffmpeg_decodes_and_shows_the_last_one(string name, string codec, int bFrames, int seconds)
    {
        // Most of an MPEG-PS's video packets have a decoding time but no presentation time, often the last ones: taken from the
        // packets that have one, a 4 s MPEG-1 file lasted 3.96 s and its 100th picture could not be shown.
        ToolRunner.RequireFfmpeg();
        var path = _folder[name];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", $"testsrc2=s=64x48:r=25:d={seconds}", "-f", "lavfi", "-i", $"sine=d={seconds}:r=48000",
            "-c:v", codec, "-bf", $"{bFrames}", "-g", "12", "-c:a", "mp2", path);
        var decoded = ToolRunner.Run("ffmpeg", ["-v", "error", "-nostdin", "-i", path, "-map", "0:v", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"]);
        Assert.True(decoded.ExitCode == 0, decoded.Stderr);
        var frameBytes = 64 * 48 * 3 / 2;
        var pictures = decoded.Stdout.Length / frameBytes;
        Assert.Equal(25 * seconds, pictures);

        var media = MediaProbe.Probe(path);
        using var reader = new VideoReader(media, 64, 48);

        Assert.Equal(seconds, media.Duration, 6);
        Assert.Equal(pictures, media.FrameAt(media.Duration - 0.001) + 1);
        Assert.True(decoded.Stdout.AsSpan(decoded.Stdout.Length - frameBytes).SequenceEqual(reader.ReadFrame(pictures - 1)), "the last picture is not ffmpeg's last");
        // MP2 comes in whole frames of 24 ms.
        Assert.InRange(MediaProbe.ProbeAudio(path).Duration, seconds, seconds + 0.024);
    }

    [Fact]
    public void Ffprobe_gets_a_list_of_arguments_and_the_full_path()
    {
        Assert.Equal(
        [
            "-v", "error", "-print_format", "json", "-show_entries",
            "stream=index,codec_type,codec_name,width,height,sample_aspect_ratio,pix_fmt,has_b_frames,avg_frame_rate,r_frame_rate,time_base,start_pts,start_time,duration_ts,duration," +
            "sample_rate,channels,channel_layout,color_space,color_range:stream_disposition=attached_pic:stream_tags=DURATION,rotate,alpha_mode:stream_side_data=rotation:format=duration,format_name",
            "/media/a.mp4\" -o \"victim.txt",
        ], FfprobeReport.Arguments("/media/a.mp4\" -o \"victim.txt"));
        Assert.DoesNotContain("side_data", FfprobeReport.Arguments("/media/a.mp4", sideData: false)[5], StringComparison.Ordinal);
        Assert.Equal(
            ["-v", "error", "-select_streams", "1", "-read_intervals", "%+#8", "-show_entries", "frame=best_effort_timestamp_time", "-of", "csv=p=0", "/media/-x.webm"],
            MediaProbe.FirstFrameArguments("/media/-x.webm", 1));
        Assert.Equal(
            ["-v", "warning", "-read_intervals", "8.5%", "-show_entries", "packet=stream_index,pts,dts,duration", "-print_format", "compact=p=0:nk=0", "/media/-x.mp4"],
            StreamEnds.Arguments("/media/-x.mp4", "8.5%"));
        var relative = FfprobeReport.FileArgument("-i.mp4");
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "-i.mp4"), relative);
        Assert.StartsWith("/", relative, StringComparison.Ordinal);
    }

    [Fact]
    public void Durations_come_from_the_time_base_then_a_matroska_tag_then_the_text()
    {
        static double? DurationOf(string json) => ProbedStream.Parse(JsonDocument.Parse(json).RootElement).Duration;

        Assert.Equal(399111 / 48000.0, DurationOf("""{"time_base": "1/48000", "duration_ts": 399111, "duration": "8.314813"}"""));
        Assert.Equal(10.007, DurationOf("""{"time_base": "1/1000", "tags": {"DURATION": "00:00:10.007000000"}}"""));
        Assert.Equal(3723.5, DurationOf("""{"time_base": "1/1000", "tags": {"DURATION": "01:02:03.500000000"}}"""));
        Assert.Equal(8.314813, DurationOf("""{"duration": "8.314813"}"""));
        Assert.Null(DurationOf("""{"duration": "N/A"}"""));
        Assert.Equal(12.5, FfprobeReport.Parse("""{"streams": [], "format": {"duration": "12.500000"}}""").FormatDuration);
    }

    /// <summary>The numbers ffprobe prints for <paramref name="entries"/> of the first sound stream, a row for each line.</summary>
    private static List<long[]> Numbers(string path, string entries)
    {
        var result = ToolRunner.Run("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries", entries, "-of", "csv=p=0", path]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return System.Text.Encoding.ASCII.GetString(result.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.TrimEnd(',').Split(',').Select(n => long.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToList();
    }

    [Fact]
    public void A_cover_picture_is_not_taken_for_the_video()
    {
        var report = FfprobeReport.Parse("""
            {"streams": [{"index": 0, "codec_type": "audio", "disposition": {"attached_pic": 0}},
                         {"index": 1, "codec_type": "video", "width": 32, "height": 32, "disposition": {"attached_pic": 1}},
                         {"index": 2, "codec_type": "video", "width": 64, "height": 48, "disposition": {"attached_pic": 0}}]}
            """);

        Assert.Equal(2, report.FirstOf("video")!.Index);
        Assert.Equal(0, report.FirstOf("audio")!.Index);
        Assert.True(report.HasAttachedPicture);
        Assert.Null((report with { Streams = report.Streams.Take(2).ToList() }).FirstOf("video"));
    }

    private string TruncatedCopy(string path, string name)
    {
        var bytes = File.ReadAllBytes(path);
        var copy = _folder[name];
        File.WriteAllBytes(copy, bytes[..(bytes.Length / 2)]);
        return copy;
    }
}
