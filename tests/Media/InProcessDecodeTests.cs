using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Media.Native;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// An I420 video read from its start is decoded in this process by libavcodec; its frames must be exactly the bytes the
/// ffmpeg command would have written, and every other case must still go to ffmpeg.
/// </summary>
public sealed class InProcessDecodeTests : IDisposable
{
    private readonly TempFolder _folder = new("in-process-decode");

    public void Dispose() => _folder.Dispose();

    /// <summary>Encodes ffmpeg's lavfi <paramref name="source"/> as I420 with <paramref name="encode"/> to a file in the test's folder.</summary>
    private string Make(string name, string source, params string[] encode)
    {
        var path = _folder[name];
        ToolRunner.Ffmpeg(["-f", "lavfi", "-i", source, .. encode, "-pix_fmt", "yuv420p", path]);
        return path;
    }

    private static void RequireLibAv() => Skip.IfNot(LibAvLibraries.Available, $"no in-process decoding here: {LibAvLibraries.Failure}");

    /// <summary>What <c>ffmpeg -i FILE -map 0:v:0 -fps_mode passthrough -f rawvideo -pix_fmt yuv420p</c> writes, frame by frame.</summary>
    private static List<byte[]> FfmpegFrames(MediaInfo media, int? width = null, int? height = null, long from = 0)
    {
        var (w, h) = (width ?? media.Width, height ?? media.Height);
        var frameBytes = new ScriptComposer.Gpu.Yuv420Layout(w, h).TotalBytes;
        using var ffmpeg = FfmpegProcess.Start(VideoReader.BuildArguments(media, w, h, from), redirectInput: false, redirectOutput: true);
        var frames = new List<byte[]>();
        while (true)
        {
            var frame = new byte[frameBytes];
            if (ffmpeg.Output.ReadAtLeast(frame, frameBytes, throwOnEndOfStream: false) < frameBytes)
                break;
            frames.Add(frame);
        }
        ffmpeg.WaitForExit();
        return frames;
    }

    private static List<byte[]> NativeFrames(MediaInfo media, int? width = null, int? height = null)
    {
        var (w, h) = (width ?? media.Width, height ?? media.Height);
        using var decoder = LibAvDecoder.TryOpen(media, w, h);
        Assert.NotNull(decoder);
        var frames = new List<byte[]>();
        while (true)
        {
            var frame = new byte[new ScriptComposer.Gpu.Yuv420Layout(w, h).TotalBytes];
            if (!decoder.ReadFrame(frame))
                break;
            frames.Add(frame);
        }
        return frames;
    }

    private static void AssertSameFrames(List<byte[]> expected, List<byte[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(expected[i].AsSpan().SequenceEqual(actual[i]), $"frame {i} differs from ffmpeg's");
    }

    [SkippableTheory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public void A_turned_video_decodes_upright_to_the_bytes_of_ffmpegs_autorotate(int tag)
    {
        RequireLibAv();
        // An odd size, so the chroma planes round up and turn with their sides traded.
        var stored = Make("stored.mp4", "testsrc2=size=94x54:rate=25:duration=1", "-c:v", "libx264", "-preset", "ultrafast");
        var turned = _folder[$"turned-{tag}.mp4"];
        ToolRunner.Ffmpeg("-i", stored, "-c", "copy", "-metadata:s:v:0", $"rotate={tag}", turned);
        var media = MediaProbe.Probe(turned);
        Assert.Equal(tag == 180 ? (94, 54) : (54, 94), (media.Width, media.Height));

        AssertSameFrames(FfmpegFrames(media), NativeFrames(media));
    }

    [SkippableFact]
    public void An_H264_video_with_B_frames_decodes_to_ffmpegs_exact_bytes()
    {
        RequireLibAv();
        // testsrc2 with x264's default B-frames and an odd size (chroma planes round up).
        var media = MediaProbe.Probe(Make("pattern.mp4", "testsrc2=size=94x54:rate=25:duration=2", "-c:v", "libx264", "-preset", "medium"));

        AssertSameFrames(FfmpegFrames(media), NativeFrames(media));
    }

    [SkippableFact]
    public void A_video_after_an_audio_stream_and_a_vp9_webm_decode_like_ffmpeg()
    {
        RequireLibAv();
        var withAudio = _folder["audio-first.mkv"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30:duration=1",
            "-map", "0:a", "-map", "1:v", "-c:a", "aac", "-c:v", "libx264", "-pix_fmt", "yuv420p", withAudio);
        var webm = Make("clip.webm", "testsrc2=size=64x48:rate=30:duration=1", "-c:v", "libvpx-vp9", "-deadline", "realtime");

        foreach (var path in new[] { withAudio, webm })
        {
            var media = MediaProbe.Probe(path);
            AssertSameFrames(FfmpegFrames(media), NativeFrames(media));
        }
    }

    [SkippableFact]
    public void A_rewound_decoder_gives_the_same_frames_again_in_every_container()
    {
        RequireLibAv();
        var sources = new[] { "clip.mp4", "clip.mkv", "clip.ts", "clip.webm" }.Select(name => MediaProbe.Probe(Make(name,
            "testsrc2=size=64x48:rate=25:duration=1.6",
            name.EndsWith(".webm", StringComparison.Ordinal) ? ["-c:v", "libvpx-vp9", "-deadline", "realtime"] : ["-c:v", "libx264", "-g", "12"])));

        foreach (var media in sources)
        {
            var expected = FfmpegFrames(media);
            using var decoder = LibAvDecoder.TryOpen(media, media.Width, media.Height)!;
            var frame = new byte[new ScriptComposer.Gpu.Yuv420Layout(media.Width, media.Height).TotalBytes];
            for (var pass = 0; pass < 3; pass++)
            {
                // The whole file, then a rewind after 7 frames, then a rewind after the end.
                var count = 0;
                while ((pass != 1 || count < 7) && decoder.ReadFrame(frame))
                {
                    Assert.True(expected[count].AsSpan().SequenceEqual(frame), $"{Path.GetFileName(media.Path)}: pass {pass}, frame {count} differs");
                    count++;
                }
                Assert.Equal(pass == 1 ? 7 : expected.Count, count);
                decoder.Rewind();
            }
            Assert.Equal(0, decoder.Reopens);
        }
    }

    [SkippableFact]
    public void A_truncated_file_gives_the_frames_before_the_cut_as_ffmpeg_does()
    {
        RequireLibAv();
        var whole = Make("whole.mkv", "testsrc2=size=64x48:rate=30:duration=2", "-c:v", "libx264");
        var media = MediaProbe.Probe(whole);
        var cut = _folder["cut.mkv"];
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        var cutMedia = media with { Path = cut };

        var expected = FfmpegFrames(cutMedia);
        var actual = NativeFrames(cutMedia);

        Assert.InRange(actual.Count, 10, 59);
        AssertSameFrames(expected, actual);
    }

    [SkippableFact]
    public void A_seek_gives_the_frames_reading_from_the_start_gives_in_every_container_in_process_and_in_ffmpeg()
    {
        RequireLibAv();
        // Keyframes every 12 frames and at scene cuts, B-frames; a 29.97 fps one; MPEG-TS starts its clock at 1.4 s; a
        // video that starts 0.3 s after the file's sound; VP9 in WebM.
        var cut = _folder["late.mkv"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=4", "-itsoffset", "0.3", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=25:duration=3",
            "-map", "0:a", "-map", "1:v", "-c:a", "aac", "-c:v", "libx264", "-g", "12", "-pix_fmt", "yuv420p", cut);
        var sources = new[] { "clip.mp4", "clip.mkv", "clip.ts", "ntsc.mkv", "clip.webm" }.Select(name => MediaProbe.Probe(Make(name,
            name.StartsWith("ntsc", StringComparison.Ordinal) ? "testsrc2=size=64x48:rate=30000/1001:duration=3" : "testsrc2=size=64x48:rate=25:duration=3",
            name.EndsWith(".webm", StringComparison.Ordinal) ? ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-g", "12"] : ["-c:v", "libx264", "-g", "12", "-bf", "3"])))
            .Append(MediaProbe.Probe(cut));

        foreach (var media in sources)
        {
            var name = Path.GetFileName(media.Path);
            var all = NativeFrames(media);
            foreach (var from in new long[] { 11, 12, 13, 24, 40, 66, 74, 200 })
            {
                using var decoder = LibAvDecoder.TryOpen(media, media.Width, media.Height)!;
                Assert.True(decoder.TrySeek(VideoReader.SeekSeconds(media, from)), $"{name} did not seek to {from}");
                var actual = new List<byte[]>();
                var frame = new byte[new ScriptComposer.Gpu.Yuv420Layout(media.Width, media.Height).TotalBytes];
                while (decoder.ReadFrame(frame))
                    actual.Add(frame.ToArray());
                var expected = all.Skip((int)from).ToList();
                Assert.True(expected.Count == actual.Count, $"{name} from frame {from}: {actual.Count} frames, reading from the start gives {expected.Count}");
                for (var i = 0; i < expected.Count; i++)
                    Assert.True(expected[i].AsSpan().SequenceEqual(actual[i]), $"{name} from frame {from}: frame {from + i} differs from reading from the start");
                // So does ffmpeg as sc starts it (in an MPEG-TS from the start: its seeks there can land a keyframe late).
                AssertSameFrames(FfmpegFrames(media, from: from), actual);
            }
        }
    }

    [SkippableFact]
    public void A_seek_lands_on_the_frame_reading_from_the_start_reaches_and_a_decoder_seeks_and_rewinds_in_place()
    {
        RequireLibAv();
        var media = MediaProbe.Probe(Make("clip.mp4", "testsrc2=size=64x48:rate=25:duration=4", "-c:v", "libx264", "-g", "30"));
        var all = FfmpegFrames(media);
        using var decoder = LibAvDecoder.TryOpen(media, media.Width, media.Height)!;
        var frame = new byte[new ScriptComposer.Gpu.Yuv420Layout(media.Width, media.Height).TotalBytes];

        // Forward past a keyframe, back before it, to the last frame, past the end, then back to the start.
        foreach (var from in new long[] { 50, 31, 99, 140 })
        {
            Assert.True(decoder.TrySeek(VideoReader.SeekSeconds(media, from)));
            for (var i = from; i < Math.Min(from + 5, all.Count); i++)
            {
                Assert.True(decoder.ReadFrame(frame), $"no frame {i} after a seek to {from}");
                Assert.True(all[(int)i].AsSpan().SequenceEqual(frame), $"frame {i} after a seek to {from} is not the one read from the start");
            }
            if (from >= all.Count)
                Assert.False(decoder.ReadFrame(frame));
        }
        decoder.Rewind();
        Assert.True(decoder.ReadFrame(frame));
        Assert.True(all[0].AsSpan().SequenceEqual(frame));
        Assert.Equal(0, decoder.Reopens);
    }

    [SkippableFact]
    public void Frame_N_is_the_Nth_picture_whether_read_on_or_seeked_to_in_process_or_by_ffmpeg()
    {
        RequireLibAv();
        // An MPEG-TS with sound, as ffmpeg writes it (its video starts 23 ms after its sound, most of a frame; its seeks can
        // land a keyframe late), and a Matroska file whose video starts 0.3 s after its sound: counted from the file's start, a seek
        // would land a frame or more early.
        var transportStream = _folder["av.ts"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30:duration=6", "-f", "lavfi", "-i", "sine=frequency=440:duration=6",
            "-c:v", "libx264", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac", transportStream);
        var late = _folder["late.mkv"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=6", "-itsoffset", "0.3", "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=30:duration=5",
            "-map", "0:a", "-map", "1:v", "-c:a", "aac", "-c:v", "libx264", "-g", "30", "-pix_fmt", "yuv420p", late);

        foreach (var path in new[] { transportStream, late })
        {
            var media = MediaProbe.Probe(path);
            Assert.True(media.VideoStart > 0.02, $"{Path.GetFileName(path)} starts its video at {media.VideoStart}");
            var pictures = NativeFrames(media);
            foreach (var index in new long[] { 75, 91, 120, pictures.Count - 1 })
            {
                // In process, and through ffmpeg (a reader told the file is 10-bit 4:2:0 leaves it to ffmpeg, which gives I420 all the
                // same); ffmpeg's own seek in an MPEG-TS can land a keyframe late, so there it reads from the start.
                foreach (var asIs in new[] { true, false })
                {
                    using var reader = new VideoReader(asIs ? media : media with { PixelFormat = "yuv420p10le" }, media.Width, media.Height);
                    var frame = reader.ReadFrame(index).ToArray();
                    Assert.True(asIs ? reader.DecodesInProcess : !reader.DecodesInProcess);
                    Assert.True(pictures[(int)index].AsSpan().SequenceEqual(frame),
                        $"{Path.GetFileName(path)}: frame {index} {(asIs ? "seeked in process" : "from ffmpeg")} is not picture {index} but {pictures.FindIndex(p => p.AsSpan().SequenceEqual(frame))} (start {media.VideoStart})");
                }
            }
        }
    }

    [Theory]
    [InlineData(1_000_000L, 1, 25, 25L)]
    [InlineData(20_000L, 1, 90_000, 1_800L)]
    [InlineData(33_367L, 1001, 30_000, 1L)]
    [InlineData(16_683L, 1001, 30_000, 0L)]
    [InlineData(16_684L, 1001, 30_000, 1L)]
    [InlineData(-20_000L, 1, 100, -2L)]
    public void Microseconds_are_rescaled_to_a_time_base_rounding_half_away_from_zero(long microseconds, int numerator, int denominator, long expected) =>
        Assert.Equal(expected, LibAvDecoder.RescaleMicroseconds(microseconds, numerator, denominator));

    [SkippableFact]
    public void The_reader_reads_from_the_start_near_it_and_seeks_in_process_further_in()
    {
        RequireLibAv();
        // Frame N has luma 16 + 4N, so every frame tells its index; 10 frames/s, so a jump of more than 20 is far.
        var path = Make("counter.mp4", "color=c=black:s=32x32:r=10:d=5,format=yuv420p,geq=lum='16+4*N':cb=128:cr=128", "-c:v", "libx264", "-qp", "0", "-g", "10");
        using var reader = new VideoReader(MediaProbe.Probe(path), 32, 32);
        int IndexAt(long index) => (int)Math.Round((reader.ReadFrame(index)[0] - 16) / 4.0);
        var steps = new List<(long Index, int Seen, bool InProcess, int Starts)>();
        foreach (var index in new long[] { 1, 15, 10, 45, 46, 5 })
            steps.Add((index, IndexAt(index), reader.DecodesInProcess, reader.Starts));

        Assert.Equal(
            [(1, 1, true, 1), (15, 15, true, 1), (10, 10, true, 2), (45, 45, true, 3), (46, 46, true, 3), (5, 5, true, 4)],
            steps);
        Assert.Equal(new DecodeCounts(1, 2, 0, Seeks: 1), reader.Decoding);
    }

    [SkippableTheory]
    [InlineData(1L << 30, 2)]
    [InlineData(10 * 1536, 6)]
    public void A_clip_read_backwards_decodes_each_group_of_frames_once_and_gives_every_frame(long keep, int starts)
    {
        RequireLibAv();
        // Frame N has luma 16 + 4N; keyframes every 10 frames, so each step back used to decode from the keyframe before it.
        var path = Make("backwards.mp4", "color=c=black:s=32x32:r=10:d=5,format=yuv420p,geq=lum='16+4*N':cb=128:cr=128", "-c:v", "libx264", "-qp", "0", "-g", "10");
        using var reader = new VideoReader(MediaProbe.Probe(path), 32, 32, keep); // a 32x32 I420 frame is 1536 bytes
        var seen = new List<int>();
        for (var index = 49L; index >= 0; index--)
            seen.Add((int)Math.Round((reader.ReadFrame(index)[0] - 16) / 4.0));

        Assert.Equal(Enumerable.Range(0, 50).Reverse(), seen);
        Assert.Equal(starts, reader.Starts); // the first read, then one start per ten frames kept (or one for them all)
        Assert.Equal(1, reader.CostOf(2)); // a kept frame is as cheap as the next one
    }

    [SkippableFact]
    public void A_file_whose_pictures_are_all_blank_is_a_clear_error_naming_it()
    {
        RequireLibAv();
        var path = Make("blank.mp4", "testsrc2=size=64x48:rate=30:duration=1", "-c:v", "libx264", "-movflags", "+faststart");
        var bytes = File.ReadAllBytes(path);
        var mdat = bytes.AsSpan().IndexOf("mdat"u8);
        bytes.AsSpan(mdat + 4).Clear();
        File.WriteAllBytes(path, bytes);
        using var reader = new VideoReader(MediaProbe.Probe(path), 64, 48);

        var error = Assert.Throws<ScriptComposer.Dsl.ScriptComposerException>(() => reader.ReadFrame(0));

        // libavformat may give up on the stream before decoding (then ffmpeg runs and says why) or decode nothing.
        Assert.Contains(path, error.Message);
        Assert.True(error.Message.Contains("could be decoded", StringComparison.Ordinal) || error.Message.Contains("ffmpeg produced no frames", StringComparison.Ordinal), error.Message);
    }

    [SkippableFact]
    public void A_scaled_video_decodes_to_the_bytes_of_ffmpegs_bicubic_scale()
    {
        RequireLibAv();
        var media = MediaProbe.Probe(Make("pattern.mp4", "testsrc2=size=94x54:rate=25:duration=1", "-c:v", "libx264"));

        foreach (var (width, height) in new[] { (48, 28), (128, 72), (94, 40), (47, 27) })
            AssertSameFrames(FfmpegFrames(media, width, height), NativeFrames(media, width, height));
    }

    [SkippableFact]
    public void A_stream_that_changes_size_midway_is_scaled_to_its_first_size_as_ffmpeg_does()
    {
        RequireLibAv();
        // Two MPEG-TS segments of different sizes, one after the other: ffmpeg's probe and output keep the first size.
        var first = Make("a.ts", "testsrc2=size=64x48:rate=25:duration=1", "-c:v", "libx264");
        var second = Make("b.ts", "testsrc2=size=96x64:rate=25:duration=1", "-c:v", "libx264");
        var joined = _folder["joined.ts"];
        File.WriteAllBytes(joined, [.. File.ReadAllBytes(first), .. File.ReadAllBytes(second)]);
        var media = MediaProbe.Probe(joined);

        var expected = FfmpegFrames(media);

        Assert.Equal((64, 48), (media.Width, media.Height));
        Assert.Equal(50, expected.Count);
        AssertSameFrames(expected, NativeFrames(media));
    }

    [SkippableFact]
    public void Other_pixel_formats_go_to_ffmpeg()
    {
        RequireLibAv();
        var yuv444 = _folder["full.mp4"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "color=c=red:s=32x32:r=30:d=1", "-c:v", "libx264", "-pix_fmt", "yuv444p", yuv444);
        var media = MediaProbe.Probe(yuv444);

        Assert.Null(LibAvDecoder.TryOpen(media, 32, 32));
        using var reader = new VideoReader(media, 32, 32);
        reader.ReadFrame(0);
        Assert.False(reader.DecodesInProcess);
    }
}
