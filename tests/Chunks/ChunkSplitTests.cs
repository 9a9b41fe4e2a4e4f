using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Rendering.Chunks;

namespace ScriptComposer.Tests.Chunks;

/// <summary>The frame ranges of chunks, the concat list and the join's ffmpeg arguments, without running anything.</summary>
public sealed class ChunkSplitTests
{
    [Theory]
    [InlineData(0, 60, 4)]
    [InlineData(7, 100, 3)]
    [InlineData(0, 5, 8)]
    [InlineData(0, 1_000_000_007, 13)]
    public void Chunks_cover_every_frame_once_in_order_evenly_within_one(long first, long end, int count)
    {
        var ranges = Enumerable.Range(0, count).Select(i => new ChunkIndex(i, count).FramesOf(first, end)).ToList();
        Assert.Equal(first, ranges[0].First);
        Assert.Equal(end, ranges[^1].End);
        for (var i = 1; i < count; i++)
            Assert.Equal(ranges[i - 1].End, ranges[i].First);
        var sizes = ranges.Select(r => r.End - r.First).ToList();
        Assert.InRange(sizes.Max() - sizes.Min(), 0, 1);
    }

    [Theory]
    [InlineData("2/8", 2, 8)]
    [InlineData("0/1", 0, 1)]
    public void Parse_reads_i_of_n(string text, int index, int count) => Assert.Equal(new ChunkIndex(index, count), ChunkIndex.Parse(text));

    [Theory]
    [InlineData("8/8")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("two/4")]
    [InlineData("3")]
    public void Parse_refuses_what_names_no_chunk_saying_how_to_write_one(string text)
    {
        var error = Assert.Throws<ScriptComposerException>(() => ChunkIndex.Parse(text));
        Assert.Contains("--chunk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concat_list_gives_each_segment_its_exact_length_in_microseconds()
    {
        var manifests = new[] { (0L, 22L), (22L, 45L), (45L, 45L) }.Select((r, i) => new ChunkManifest
        {
            Chunk = i, Chunks = 3, Output = 0, OutputPath = "/o.mp4", FirstFrame = r.Item1, EndFrame = r.Item2, Fps = "30000/1001", Encoding = "",
            Render = new RenderIdentity("", new Dictionary<string, string>(), new Dictionary<string, string>(), "", ""),
            Segment = r.Item1 == r.Item2 ? null : $"o0.c{i:D4}-of-0003.mp4",
        });

        var list = ChunkJoiner.ConcatList(manifests, "/w", new FrameRate(30000, 1001));

        // 22 frames at 29.97 fps are 0.734066(6) s, 23 frames 0.767433(3) s; the empty chunk is left out.
        Assert.Equal("ffconcat version 1.0\nfile '/w/o0.c0000-of-0003.mp4'\nduration 0.734067\nfile '/w/o0.c0001-of-0003.mp4'\nduration 0.767433\n", list);
    }

    [Fact]
    public void Concat_list_names_each_segment_by_its_absolute_path_quoted_and_refuses_a_work_dir_with_a_line_break()
    {
        var manifest = new ChunkManifest
        {
            Chunk = 0, Chunks = 1, Output = 0, OutputPath = "/o.mp4", FirstFrame = 0, EndFrame = 30, Fps = "30", Encoding = "",
            Render = new RenderIdentity("", new Dictionary<string, string>(), new Dictionary<string, string>(), "", ""), Segment = "o0.c0000-of-0001.mp4",
        };

        var list = ChunkJoiner.ConcatList([manifest], "/w/Bob's #3? 100%", new FrameRate(30));

        Assert.Contains("\nfile '/w/Bob'\\''s #3? 100%/o0.c0000-of-0001.mp4'\n", list, StringComparison.Ordinal);
        var error = Assert.Throws<ScriptComposerException>(() => ChunkJoiner.ConcatList([manifest], "/w/two\nlines", new FrameRate(30)));
        Assert.Contains("line break", error.Message, StringComparison.Ordinal);
        Assert.Contains("--work-dir", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60000, 1001, 1, 3000)]
    [InlineData(30000, 1001, 3, 400)]
    [InlineData(24000, 1001, 7, 1000)]
    [InlineData(30, 1, 1, 10_000)]
    public void Concat_lengths_add_up_to_each_chunk_s_start_however_many_chunks_there_are(int numerator, int denominator, int framesPerChunk, int count)
    {
        const long first = 1234;
        var manifests = Enumerable.Range(0, count).Select(i => new ChunkManifest
        {
            Chunk = i, Chunks = count, Output = 0, OutputPath = "/o.mp4", FirstFrame = first + (long)i * framesPerChunk, EndFrame = first + (long)(i + 1) * framesPerChunk,
            Fps = $"{numerator}/{denominator}", Encoding = "", Render = new RenderIdentity("", new Dictionary<string, string>(), new Dictionary<string, string>(), "", ""),
            Segment = $"s{i}.mp4",
        });

        var lengths = ChunkJoiner.ConcatList(manifests, "/w", new FrameRate(numerator, denominator)).Split('\n')
            .Where(l => l.StartsWith("duration ", StringComparison.Ordinal))
            .Select(l => (long)Math.Round(decimal.Parse(l["duration ".Length..], System.Globalization.CultureInfo.InvariantCulture) * 1_000_000m))
            .ToList();

        long sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += lengths[i];
            var exact = (decimal)(i + 1) * framesPerChunk * denominator * 1_000_000 / numerator;
            Assert.InRange(sum - exact, -0.5m, 0.5m);
        }
    }

    [Theory]
    [InlineData("/o/x.mp4", "libx264", true)]
    [InlineData("/o/x.mkv", "ffv1", true)]
    [InlineData("/o/x.webm", "libvpx-vp9", true)]
    [InlineData("/o/x.ts", "libx264", true)]
    [InlineData("/o/x.y4m", "wrapped_avframe", false)]
    [InlineData("/o/x.nut", "rawvideo", false)]
    [InlineData("/o/x.avi", "libx264", false)]
    [InlineData("/o/x.mkv", "rawvideo", false)]
    [InlineData("/o/x.gif", "gif", false)]
    [InlineData("/o/f_%04d.png", "png", false)]
    public void Only_containers_the_join_is_proven_for_are_cut_into_chunks(string path, string codec, bool chunked)
    {
        var output = new ScriptComposer.Dsl.Scripting.VideoOutput(Clips.Color(64, 48, "red").WithDuration(1), path, new FrameRate(30),
            new ScriptComposer.Dsl.Media.EncoderSettings { Codec = codec });

        Assert.Equal(chunked, SegmentFormat.CanChunk(output));
    }

    [Fact]
    public void Join_arguments_copy_the_video_and_encode_the_sound_as_one_process_does()
    {
        var output = new ScriptComposer.Dsl.Scripting.VideoOutput(Clips.Color(64, 48, "red").WithDuration(1), "/out/x.mp4", new FrameRate(30), new ScriptComposer.Dsl.Media.EncoderSettings(),
            Audio: new ScriptComposer.Dsl.Audio.AudioSettings());
        var format = ScriptComposer.Dsl.Audio.AudioFormat.For([], new ScriptComposer.Dsl.Audio.AudioSettings(), "aac");

        var args = ChunkJoiner.BuildArguments(output, "/w/o0.concat.txt", format, "/out/.x.partial.mp4");

        Assert.Equal(
            ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "concat", "-safe", "0", "-i", "/w/o0.concat.txt",
             "-f", "f32le", "-ar", "48000", "-ch_layout", "stereo", "-i", "pipe:0", "-map", "0:v", "-map", "1:a",
             "-c:v", "copy", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv", "-c:a", "aac", "-b:a", "192k", "-f", "mp4", "-movflags", "+faststart", "/out/.x.partial.mp4"],
            args);
    }
}
