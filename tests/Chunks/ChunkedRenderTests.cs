using System.Globalization;
using System.Text.RegularExpressions;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Chunks;

/// <summary>
/// Chunked renders against one-process renders of the same composition: with a lossless encoding every frame and every
/// sample is the same, and with the lossy defaults the frame count, the timestamps and the sound's length hold. Also the
/// join's refusals and resuming in a kept work dir.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ChunkedRenderTests
{
    [SkippableFact]
    public async Task Jobs_three_is_frame_for_frame_and_sample_for_sample_the_one_process_render()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        var script = ChunkMedia.Script(folder);

        var whole = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=whole.mkv");
        var jobs = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=jobs.mkv", "--jobs", "3");

        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.True(jobs.ExitCode == 0, jobs.ToString());
        Assert.Contains("Rendered 3 of 3 chunks with 3 worker(s)", jobs.Stdout, StringComparison.Ordinal);
        ChunkMedia.AssertSamePictureAndSound(folder["whole.mkv"], folder["jobs.mkv"]);
        // The work dir it made is gone with everything in it.
        Assert.Equal(["a.mp4", "b.mp4", "comp.csx", "jobs.mkv", "whole.mkv"], folder.Files());
    }

    [SkippableFact]
    public async Task Chunks_that_start_far_into_a_transport_stream_with_sound_show_the_frames_of_the_one_process_render()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        // As ffmpeg writes an MPEG-TS with sound: its clock starts at 1.4 s and its video 23 ms after its sound. The second
        // chunk starts 3 s in, so its reader seeks (which counted from the sound's start landed a frame early, and where the
        // demuxer overshot, a keyframe late).
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=6", "-f", "lavfi", "-i", "sine=f=330:d=6",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac", folder["av.ts"]);
        var script = folder.Write("ts.csx", """
            Render(Video("av.ts").WithDuration(6), Args.Get("out", "out.mkv"), fps: 30, codec: "libx264", ffmpegArgs: new[] { "-qp", "0" }, audioCodec: "flac", preset: "ultrafast");
            """);

        var whole = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=whole.mkv");
        var jobs = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=jobs.mkv", "--jobs", "2");

        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.True(jobs.ExitCode == 0, jobs.ToString());
        ChunkMedia.AssertSamePictureAndSound(folder["whole.mkv"], folder["jobs.mkv"], frames: 180);
    }

    [SkippableFact]
    public async Task Chunks_by_hand_then_join_is_frame_for_frame_and_sample_for_sample_the_one_process_render()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        var script = ChunkMedia.Script(folder);
        var work = folder["work"];

        var whole = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=whole.mkv");
        Assert.True(whole.ExitCode == 0, whole.ToString());
        // Out of order, as a scheduler might run them.
        foreach (var i in new[] { 2, 0, 3, 1 })
        {
            var chunk = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=joined.mkv", "--chunk", $"{i}/4", "--work-dir", work);
            Assert.True(chunk.ExitCode == 0, chunk.ToString());
            Assert.Contains($"Chunk {i}/4 of", chunk.Stdout, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(folder["joined.mkv"]));
        var join = await ScRunner.RunAsync("join", work);

        Assert.True(join.ExitCode == 0, join.ToString());
        Assert.Contains($"Wrote {folder["joined.mkv"]}: 60 frames", join.Stdout, StringComparison.Ordinal);
        ChunkMedia.AssertSamePictureAndSound(folder["whole.mkv"], folder["joined.mkv"]);
    }

    [SkippableFact]
    public async Task The_speed_after_jobs_is_the_whole_renders_and_after_join_the_line_says_it_timed_the_join_alone()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        var script = folder.Write("small.csx", """Render(Color(64, 48, "red").WithDuration(3), Args["out"], fps: 10, preset: "ultrafast");""");

        var jobs = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", $"out={folder["jobs.mp4"]}", "--jobs", "2");
        foreach (var i in new[] { 0, 1 })
            Assert.Equal(0, (await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", $"out={folder["joined.mp4"]}", "--chunk", $"{i}/2", "--work-dir", folder["work"])).ExitCode);
        var join = await ScRunner.RunAsync("join", folder["work"]);

        Assert.True(jobs.ExitCode == 0, jobs.ToString());
        var workers = double.Parse(Regex.Match(jobs.Stdout, @"Rendered 2 of 2 chunks with 2 worker\(s\) in ([\d.]+) s").Groups[1].Value, CultureInfo.InvariantCulture);
        var wrote = Regex.Match(jobs.Stdout, $@"Wrote {Regex.Escape(folder["jobs.mp4"])}: 30 frames \(3 s of video\) in ([\d.]+) s, ([\d.]+) frames/s");
        Assert.True(wrote.Success, jobs.ToString());
        var seconds = double.Parse(wrote.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(seconds >= workers, $"The speed line's {seconds} s is less than the workers' {workers} s: it timed the join alone.\n{jobs}");
        Assert.Equal(30 / seconds, double.Parse(wrote.Groups[2].Value, CultureInfo.InvariantCulture), 0.1 + 30 / seconds * 0.05);

        Assert.True(join.ExitCode == 0, join.ToString());
        Assert.Matches($@"Wrote {Regex.Escape(folder["joined.mp4"])}: 30 frames \(3 s of video\), joined from its chunks in [\d.]+ s \(the join alone\), ", join.Stdout);
        Assert.DoesNotContain("frames/s", join.Stdout, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Lossy_defaults_keep_frame_count_timestamps_and_sound_length()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        var script = ChunkMedia.Script(folder, lossless: false);

        var whole = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=whole.mp4");
        var jobs = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=jobs.mp4", "--jobs", "2", "--chunks", "3");

        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.True(jobs.ExitCode == 0, jobs.ToString());
        // Every frame once, at its own time (1/30 s apart: none doubled or missing at a boundary), as in one process.
        var times = ChunkMedia.VideoTimes(folder["jobs.mp4"]);
        Assert.Equal(60, times.Count);
        Assert.Equal(ChunkMedia.VideoTimes(folder["whole.mp4"]), times);
        for (var i = 0; i < times.Count; i++)
            Assert.Equal(i / 30.0, times[i], 3);
        Assert.Equal(60, ChunkMedia.Frames(folder["jobs.mp4"]).Count);
        // The sound is the one-process sound (mixed and encoded once, the same way), starting with the picture.
        Assert.Equal(ChunkMedia.Audio(folder["whole.mp4"]), ChunkMedia.Audio(folder["jobs.mp4"]));
        Assert.Equal(ChunkMedia.AudioTimes(folder["whole.mp4"]), ChunkMedia.AudioTimes(folder["jobs.mp4"]));
        Assert.InRange(ChunkMedia.AudioTimes(folder["jobs.mp4"])[0], -0.05, 0.05);
    }

    [SkippableFact]
    public async Task Join_refuses_missing_truncated_and_mismatched_chunks_naming_each()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        var script = ChunkMedia.Script(folder);
        var work = folder["work"];
        for (var i = 0; i < 4; i++)
            Assert.Equal(0, (await ScRunner.RunAsync("render", script, "--backend", "cpu", "--chunk", $"{i}/4", "--work-dir", work)).ExitCode);

        File.Delete(Path.Combine(work, "o0.c0001-of-0004.json"));
        var segment = Path.Combine(work, "o0.c0002-of-0004.mov");
        using (var file = new FileStream(segment, FileMode.Open)) file.SetLength(file.Length / 2);
        // Chunk 3 of another render of the script (another title), put in its place: its manifest says so.
        var other = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "title=Other", "--chunk", "3/4", "--work-dir", folder["other"]);
        Assert.Equal(0, other.ExitCode);
        foreach (var name in new[] { "o0.c0003-of-0004.json", "o0.c0003-of-0004.mov" })
            File.Copy(Path.Combine(folder["other"], name), Path.Combine(work, name), overwrite: true);

        var join = await ScRunner.RunAsync("join", work);

        FailureAssert.Clean(join, folder, folder["out.mkv"], "cannot be joined", "chunk 1/4", "missing", "chunk 2/4", "truncated", "chunk 3/4", "another render", "--set title");
        Assert.DoesNotContain("chunk 0/4", join.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Resume_in_a_kept_work_dir_renders_only_the_missing_chunk()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        var script = ChunkMedia.Script(folder);
        var work = folder["work"];
        var first = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--jobs", "2", "--chunks", "3", "--work-dir", work);
        Assert.True(first.ExitCode == 0, first.ToString());
        var kept = new[] { 0, 2 }.ToDictionary(i => i, i => File.GetLastWriteTimeUtc(Path.Combine(work, $"o0.c{i:D4}-of-0003.mov")));
        File.Delete(Path.Combine(work, "o0.c0001-of-0003.mov"));
        File.Delete(folder["out.mkv"]);

        var again = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--jobs", "2", "--chunks", "3", "--work-dir", work);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Rendered 1 of 3 chunks", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 already done", again.Stdout, StringComparison.Ordinal);
        foreach (var (i, time) in kept)
            Assert.Equal(time, File.GetLastWriteTimeUtc(Path.Combine(work, $"o0.c{i:D4}-of-0003.mov")));
        Assert.True(File.Exists(Path.Combine(work, "o0.c0001-of-0003.mov")));
        Assert.Equal(60, ChunkMedia.Frames(folder["out.mkv"]).Count);
    }

    [SkippableFact]
    public async Task A_chunk_made_before_the_file_a_link_leads_to_was_replaced_is_not_joined()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "color=c=blue:s=64x48:r=30:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", folder["blue.mp4"]);
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "color=c=red:s=64x48:r=30:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", folder["red.mp4"]);
        File.Copy(folder["blue.mp4"], folder["clip.mp4"]);
        File.CreateSymbolicLink(folder["link.mp4"], "clip.mp4");
        var script = folder.Write("s.csx", """Render(Video("link.mp4"), "out.mp4", fps: 30, preset: "ultrafast");""");
        var work = folder["work"];
        Assert.Equal(0, (await ScRunner.RunAsync("render", script, "--backend", "cpu", "--chunk", "0/2", "--work-dir", work)).ExitCode);

        // The link stays as it was (its own size and time too); the file it leads to is now another video.
        File.Copy(folder["red.mp4"], folder["clip.mp4"], overwrite: true);
        File.SetLastWriteTimeUtc(folder["clip.mp4"], File.GetLastWriteTimeUtc(folder["blue.mp4"]).AddSeconds(5));
        Assert.Equal(0, (await ScRunner.RunAsync("render", script, "--backend", "cpu", "--chunk", "1/2", "--work-dir", work)).ExitCode);
        var join = await ScRunner.RunAsync("join", work);

        FailureAssert.Clean(join, folder, folder["out.mp4"], "cannot be joined", "chunk 0/2", "another render", "link.mp4' has changed");
        Assert.DoesNotContain("chunk 1/2", join.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Ffv1_chunks_keep_the_color_tags_and_raw_outputs_are_rendered_whole()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        var script = folder.Write("s.csx", """
            var clip = Composite(64, 48, Color(64, 48, "navy"), Color(16, 16, "tomato").At(t => (40 * t, 10))).WithDuration(1);
            Render(clip, "lossless.mkv", fps: 30, codec: "ffv1");
            Render(clip, "raw.y4m", fps: 30);
            """);
        var whole = await ScRunner.RunAsync("render", script, "--backend", "cpu");
        Assert.True(whole.ExitCode == 0, whole.ToString());
        foreach (var name in new[] { "lossless.mkv", "raw.y4m" }) File.Move(folder[name], folder["whole-" + name]);

        var jobs = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--jobs", "2");

        Assert.True(jobs.ExitCode == 0, jobs.ToString());
        Assert.Contains("Rendered 2 of 2 chunks", jobs.Stdout, StringComparison.Ordinal);
        Assert.Equal(ChunkMedia.Frames(folder["whole-lossless.mkv"]), ChunkMedia.Frames(folder["lossless.mkv"]));
        Assert.Equal(ColorTags(folder["whole-lossless.mkv"]), ColorTags(folder["lossless.mkv"]));
        Assert.Contains("tv", ColorTags(folder["lossless.mkv"]), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(folder["whole-raw.y4m"]), File.ReadAllBytes(folder["raw.y4m"]));
    }

    [SkippableTheory]
    [InlineData("libvpx", 29.97, false)]
    [InlineData("libvpx-vp9", 23.976, true)]
    public async Task Millisecond_chunks_land_every_frame_on_the_millisecond_one_process_gives_it(string codec, double fps, bool alpha)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        var script = folder.Write("s.csx", $$"""
            var box = Color(16, 16, "tomato").At(t => (40 * t, 10));
            Render(Composite(64, 48, Color(64, 48, "navy"), box).WithDuration(2), Args["out"], fps: {{fps.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, codec: "{{codec}}", alpha: {{(alpha ? "true" : "false")}});
            """);

        var whole = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=whole.webm");
        var jobs = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "out=jobs.webm", "--jobs", "2", "--chunks", "5");

        Assert.True(whole.ExitCode == 0, whole.ToString());
        Assert.True(jobs.ExitCode == 0, jobs.ToString());
        // Before, a chunk's start and each frame's time within it were rounded apart: 14 of 60 frames were a millisecond off.
        Assert.Equal(ChunkMedia.VideoTimes(folder["whole.webm"]), ChunkMedia.VideoTimes(folder["jobs.webm"]));
    }

    [SkippableFact]
    public async Task A_work_dir_named_with_hash_and_question_mark_is_joined_from_its_own_segments_not_from_those_of_the_same_names_above_it()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        var script = folder.Write("s.csx", """
            Render(Color(64, 48, Args.Get("color", "blue")).WithDuration(1), "out.mkv", fps: 10, codec: "libx264", ffmpegArgs: new[] { "-qp", "0" }, preset: "ultrafast");
            """);
        // An older render's segments in the folder above: where ffmpeg looked for 'o0.c0000-of-0002.mkv' when the list named
        // it relative to its own path, which a URL ends at the '#'.
        var red = folder["red"];
        for (var i = 0; i < 2; i++)
        {
            var chunk = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--set", "color=red", "--chunk", $"{i}/2", "--work-dir", red);
            Assert.True(chunk.ExitCode == 0, chunk.ToString());
        }
        var segments = Directory.GetFiles(red, "o0.c*").Where(f => !f.EndsWith(".json", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, segments.Count);
        foreach (var segment in segments)
            File.Copy(segment, folder[Path.GetFileName(segment)]);
        var work = folder["wd#2?blue's %41"];
        for (var i = 0; i < 2; i++)
        {
            var chunk = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--chunk", $"{i}/2", "--work-dir", work);
            Assert.True(chunk.ExitCode == 0, chunk.ToString());
        }

        var join = await ScRunner.RunAsync("join", work);

        Assert.True(join.ExitCode == 0, join.ToString());
        Assert.Equal(10, MediaProbeTool.Probe(folder["out.mkv"]).FrameCount);
        foreach (var frame in new[] { 0, 9 })
            new PixelCheck(FrameGrabber.Frame(folder["out.mkv"], frame)).Near(32, 24, new ScriptComposer.Gpu.Rgba(0, 0, 255), 8, $"the blue render's frame {frame}").Verify();
    }

    [SkippableFact]
    public async Task Jobs_join_an_output_named_with_a_hash()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("chunks");
        var script = folder.Write("s.csx", """Render(Color(64, 48, "blue").WithDuration(1), "out.mp4", fps: 10, preset: "ultrafast");""");

        var jobs = await ScRunner.RunAsync("render", script, "--backend", "cpu", "--jobs", "2", "-o", folder["Episode #3?.mp4"]);

        Assert.True(jobs.ExitCode == 0, jobs.ToString());
        Assert.Equal(10, MediaProbeTool.Probe(folder["Episode #3?.mp4"]).FrameCount);
        Assert.Equal(["Episode #3?.mp4", "s.csx"], folder.Files());
    }

    private static string ColorTags(string path)
    {
        var result = ToolRunner.Run("ffprobe", ["-v", "error", "-select_streams", "v", "-show_entries", "stream=color_range,color_space,color_primaries,color_transfer", "-of", "csv=p=0", path]);
        return System.Text.Encoding.ASCII.GetString(result.Stdout).Trim();
    }
}
