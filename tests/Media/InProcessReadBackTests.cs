using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Media.Native;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// The proof that an output is whole reads it back in this process with libavformat; what it finds (packets per kind
/// and duration) must be exactly what the ffprobe command it replaces says, for every container sc writes, and a file
/// it cannot open must still be explained in ffprobe's words.
/// </summary>
public sealed class InProcessReadBackTests : IDisposable
{
    private readonly TempFolder _folder = new("read-back");

    public void Dispose() => _folder.Dispose();

    private static void RequireLibAv() => Skip.IfNot(LibAvLibraries.Available, $"no in-process reading here: {LibAvLibraries.Failure}");

    [SkippableTheory]
    [InlineData("a.mp4", "libx264", "aac")]
    [InlineData("a.mkv", "ffv1", "flac")]
    [InlineData("a.mov", "libx264", "aac")]
    [InlineData("a.webm", "libvpx-vp9", "libopus")]
    [InlineData("a.ts", "libx264", "aac")]
    [InlineData("a.gif", "gif", null)]
    [InlineData("a.m4a", null, "aac")]
    [InlineData("a.wav", null, "pcm_s16le")]
    [InlineData("a.mp3", null, "libmp3lame")]
    public void Counts_and_duration_are_ffprobes(string name, string? video, string? audio)
    {
        ToolRunner.RequireFfmpeg();
        RequireLibAv();
        var path = _folder[name];
        List<string> args = [];
        if (video is not null)
            args.AddRange(["-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25:duration=1.4"]);
        if (audio is not null)
            args.AddRange(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1.4"]);
        if (video is not null)
            args.AddRange(["-c:v", video, .. video == "gif" ? Array.Empty<string>() : ["-pix_fmt", video == "ffv1" ? "yuv444p" : "yuv420p"]]);
        if (audio is not null)
            args.AddRange(["-c:a", audio]);
        ToolRunner.Ffmpeg([.. args, path]);

        var native = OutputProbe.ReadInProcess(path);

        Assert.NotNull(native);
        Assert.Equal(OutputProbe.ReadWithFfprobe(path, name), native);
        Assert.True(video is null || native.VideoPackets == 35, $"{native}");
        Assert.True(audio is null || native.AudioPackets > 0, $"{native}");
    }

    [SkippableFact]
    public void A_file_cut_short_counts_fewer_packets_or_is_left_to_ffprobe_to_explain()
    {
        ToolRunner.RequireFfmpeg();
        RequireLibAv();
        var mkv = _folder["whole.mkv"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25:duration=2", "-c:v", "ffv1", mkv);
        var cut = _folder["cut.mkv"];
        var bytes = File.ReadAllBytes(mkv);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var counts = OutputProbe.ReadInProcess(cut);
        Assert.NotNull(counts);
        Assert.InRange(counts.VideoPackets, 1, 49);

        // An MP4 cut before its index does not open at all: the read-back goes to ffprobe, whose words name the problem.
        var mp4 = _folder["whole.mp4"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=96x64:rate=25:duration=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", mp4);
        var cutMp4 = _folder["cut.mp4"];
        bytes = File.ReadAllBytes(mp4);
        File.WriteAllBytes(cutMp4, bytes[..(bytes.Length / 2)]);
        Assert.Null(OutputProbe.ReadInProcess(cutMp4));
        var error = Assert.Throws<OutputNotWholeException>(() => OutputProbe.Read(cutMp4, "out.mp4"));
        Assert.Contains("ffprobe cannot read back", error.Message, StringComparison.Ordinal);
    }
}
