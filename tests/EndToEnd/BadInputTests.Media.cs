using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>Media that is not what it claims: truncated files, pictures larger than the budget, a damaged tool cache.</summary>
public sealed partial class BadInputTests
{
    /// <summary>
    /// A 4 s video with sound, its index in front (an MP4's faststart; an MKV's tags, which ffmpeg writes near its start), cut to its
    /// first half: the header still claims 4 s.
    /// </summary>
    private static string TruncatedVideo(TempFolder folder, string name = "half.mp4")
    {
        var whole = folder["whole" + Path.GetExtension(name)];
        ToolRunner.Ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=4", "-f", "lavfi", "-i", "sine=r=48000:d=4",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac",
            .. name.EndsWith(".mp4", StringComparison.Ordinal) ? new[] { "-movflags", "+faststart" } : [], whole]);
        var bytes = File.ReadAllBytes(whole);
        File.Delete(whole);
        var half = folder[name];
        File.WriteAllBytes(half, bytes[..(bytes.Length / 2)]);
        return half;
    }

    [SkippableTheory]
    [InlineData("1")]
    [InlineData("0")]
    public void Truncated_video_names_the_file_and_where_pictures_end_with_either_decoder(string inProcess)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        TruncatedVideo(folder);
        var output = folder["out.mp4"];
        var script = folder.Write("bad.csx", """Render(Video("half.mp4").WithoutAudio(), Args["out"], fps: 30);""");

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu", "--set", $"out={output}"],
            new Dictionary<string, string?> { ["SC_IN_PROCESS_DECODE"] = inProcess });

        FailureAssert.Clean(result, folder, output, "half.mp4", "no picture after", "the script shows it at", "lasts 4.00 s", "truncated");
    }

    [SkippableTheory]
    [InlineData("photo.png")]
    [InlineData("photo.jpg")]
    public async Task A_picture_cut_short_is_named_as_cut_instead_of_rendered_with_a_hole(string name)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var whole = folder["whole" + Path.GetExtension(name)];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x180", "-frames:v", "1", whole);
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(folder[name], bytes[..(bytes.Length * 6 / 10)]);

        var (result, _, output) = await Render(folder, $$"""Render(Composite(320, 180, Color(320, 180, "white"), Image("{{name}}")).WithDuration(1), Args["out"], fps: 10);""");

        FailureAssert.Clean(result, folder, output, name, "cut short", "again whole");
    }

    [SkippableFact]
    public async Task Truncated_mkv_names_the_file_and_where_its_pictures_end()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        TruncatedVideo(folder, "half.mkv");

        var (result, _, output) = await Render(folder, """Render(Video("half.mkv").WithoutAudio(), Args["out"], fps: 30);""");

        FailureAssert.Clean(result, folder, output, "half.mkv", "no picture after", "the script shows it at", "truncated");
    }

    [SkippableFact]
    public async Task Truncated_video_far_into_the_missing_part_is_found_from_a_seek_too()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        TruncatedVideo(folder);

        // 3.5 s is far from the start: an ffmpeg seeks there, finds nothing, and the reader looks back for the end.
        var (result, _, output) = await Render(folder, """Render(Video("half.mp4").WithoutAudio().Subclip(3.5, 4), Args["out"], fps: 30);""");

        FailureAssert.Clean(result, folder, output, "half.mp4", "no picture after", "at 3.50 s", "truncated");
    }

    [SkippableFact]
    public async Task Truncated_video_with_its_sound_says_where_the_sound_ends()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        TruncatedVideo(folder);

        var (result, _, output) = await Render(folder, """Render(Video("half.mp4"), Args["out"], fps: 30);""");

        FailureAssert.Clean(result, folder, output, "half.mp4", "no sound after", "plays it up to 4.00 s", "truncated");
    }

    [SkippableFact]
    public async Task Truncated_video_used_only_where_it_has_pictures_and_sound_renders()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        TruncatedVideo(folder);

        var (result, _, output) = await Render(folder, """Render(Video("half.mp4").Subclip(0, 1), Args["out"], fps: 30);""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(30, MediaProbeTool.Probe(output).FrameCount);
    }

    [SkippableFact]
    public async Task Truncated_audio_file_names_the_file_and_where_the_sound_ends()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var whole = folder["whole.m4a"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=r=48000:d=6", "-c:a", "aac", "-movflags", "+faststart", whole);
        var bytes = File.ReadAllBytes(whole);
        File.Delete(whole);
        File.WriteAllBytes(folder["song.m4a"], bytes[..(bytes.Length / 2)]);
        var output = folder["out.wav"];
        var script = folder.Write("bad.csx", """RenderAudio(Audio("song.m4a"), Args["out"]);""");

        var result = await ScRunner.RunAsync("render", script, "--set", $"out={output}");

        FailureAssert.Clean(result, folder, output, "song.m4a", "no sound after", "lasts 6.00 s", "truncated");
    }

    [SkippableTheory]
    [InlineData("song.mp3", "libmp3lame")]
    [InlineData("song.m4a", "aac")]
    public async Task Sound_with_a_cover_picture_is_no_video_and_the_message_says_to_use_Audio(string name, string codec)
    {
        // ffprobe lists the cover as a video stream of one picture: taken for a video, it failed as "truncated" after 0.04 s.
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "color=red:s=32x32", "-frames:v", "1", folder["cover.jpg"]);
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=r=48000:d=2", "-i", folder["cover.jpg"], "-map", "0", "-map", "1",
            "-c:a", codec, "-c:v", "copy", "-disposition:v", "attached_pic", folder[name]);

        var (video, _, output) = await Render(folder, $$"""Render(Video("{{name}}"), Args["out"], fps: 30);""");
        var (sound, _) = await ScRunner.RenderScriptAsync(folder, "sound.csx", $$"""RenderAudio(Audio("{{name}}"), "out.wav");""");

        FailureAssert.Clean(video, folder, output, name, "sound and a cover picture only", $"Audio(\"{folder[name]}\")");
        Assert.DoesNotContain("truncated", video.Stderr, StringComparison.Ordinal);
        Assert.True(sound.ExitCode == 0, sound.ToString());
        Assert.True(File.Exists(folder["out.wav"]));
    }

    [SkippableFact]
    public async Task Sound_alone_is_no_video_and_the_message_says_to_use_Audio()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=r=48000:d=1", "-c:a", "libmp3lame", folder["song.mp3"]);

        var (video, _, output) = await Render(folder, """Render(Video("song.mp3"), Args["out"], fps: 30);""");

        FailureAssert.Clean(video, folder, output, "song.mp3", "sound only", $"Audio(\"{folder["song.mp3"]}\")");
        Assert.DoesNotContain("Image(", video.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Huge_declared_image_is_refused_from_its_header()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var png = PngDeclaring(20000, 20000);
        Assert.InRange(png.Length, 1, 2000);
        File.WriteAllBytes(folder["bomb.png"], png);

        var (result, script, output) = await Render(folder, """
            var bg = Color(320, 240, "black");
            var bomb = Image("bomb.png");
            Render(Composite(320, 240, bg, bomb).WithDuration(1), Args["out"]);
            """);

        FailureAssert.Clean(result, folder, output, $"{script}(2)", "bomb.png", "20000x20000", "400 megapixels", "SC_MAX_PIXELS");
    }

    [SkippableTheory]
    [InlineData("video")]
    [InlineData("image")]
    [InlineData("sequence")]
    public void Pixel_budget_is_set_by_sc_max_pixels(string kind)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        TestMedia.SolidColor(folder, "small.mp4", "red", 64, 48, 1);
        Directory.CreateDirectory(folder["frames"]);
        foreach (var path in new[] { folder["small.png"], folder["frames/f0.png"] })
            ScriptComposer.Dsl.Media.PngWriter.Write(path, new byte[64 * 48 * 4], 64, 48);
        var source = kind switch { "video" => """Video("small.mp4")""", "image" => """Image("small.png")""", _ => """ImageSequence("frames", 10)""" };
        var output = folder["out.mp4"];
        var script = folder.Write("bad.csx", $"""
            var bg = Color(320, 240, "black");
            var layer = {source};
            Render(Composite(320, 240, bg, layer).WithDuration(1), Args["out"]);
            """);
        string[] args = ["render", script, "--backend", "cpu", "--set", $"out={output}"];

        var refused = ScRunner.RunProcess(args, new Dictionary<string, string?> { ["SC_MAX_PIXELS"] = "3000" });
        FailureAssert.Clean(refused, folder, output, $"{script}(2)", kind == "video" ? "small.mp4" : kind == "image" ? "small.png" : "f0.png",
            "64x48", "more than the 0.003 megapixels", "SC_MAX_PIXELS");
        var allowed = ScRunner.RunProcess(args, new Dictionary<string, string?> { ["SC_MAX_PIXELS"] = "4000" });

        Assert.True(allowed.ExitCode == 0, allowed.ToString());
    }

    [SkippableFact]
    public void Pixel_budget_that_is_not_a_number_is_named()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("bad.csx", """Render(Color(64, 48, "red").WithDuration(1), Args["out"]);""");
        var output = folder["out.mp4"];

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu", "--set", $"out={output}"],
            new Dictionary<string, string?> { ["SC_MAX_PIXELS"] = "lots" });

        FailureAssert.Clean(result, folder, output, "SC_MAX_PIXELS", "'lots'", "400M");
    }

    [SkippableTheory]
    [InlineData("garbage")]
    [InlineData("empty")]
    [InlineData("old")]
    public void Damaged_encoder_cache_is_rebuilt_not_believed(string damage)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("bad");
        var script = folder.Write("ok.csx", """Render(Color(64, 48, "red").WithDuration(0.2), Args["out"]);""");
        var environment = new Dictionary<string, string?> { ["SC_CACHE_DIR"] = folder["cache"], ["SC_NO_CACHE"] = null };
        string[] args = ["render", script, "--backend", "cpu", "--set", $"out={folder["out.mp4"]}"];
        var first = ScRunner.RunProcess(args, environment);
        Assert.True(first.ExitCode == 0, first.ToString());
        var entries = Directory.GetFiles(folder["cache/tools"]);
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            File.WriteAllText(entry, damage switch
            {
                "garbage" => "\u0000\u00ff not a list \n",
                "empty" => "",
                // What the last version wrote, from an ffmpeg without libx264: a whole list, just not this ffmpeg's.
                _ => "rawvideo\npng\n",
            });
        }

        var second = ScRunner.RunProcess(args, environment);

        Assert.True(second.ExitCode == 0, second.ToString());
        // Each entry is whole again: the encoder list names libx264, ffmpeg's help its -f option.
        Assert.All(Directory.GetFiles(folder["cache/tools"]), entry =>
            Assert.Contains(Path.GetFileName(entry).StartsWith("help-", StringComparison.Ordinal) ? "-f fmt" : "libx264", File.ReadAllText(entry), StringComparison.Ordinal));
    }

    /// <summary>A PNG whose header declares <paramref name="width"/>×<paramref name="height"/> RGB and whose data holds a few rows: a few hundred bytes.</summary>
    private static byte[] PngDeclaring(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        using (var rows = new MemoryStream())
        {
            using (var zlib = new ZLibStream(rows, CompressionLevel.SmallestSize, leaveOpen: true))
                zlib.Write(new byte[4 * (1 + 3 * width)]);
            Chunk(png, "IDAT", rows.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
