using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Media.Native;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// Where a file's streams really end (the check that tells a truncated file from a whole one) is read with libavformat
/// in this process; it must find exactly what the ffprobe command it replaces finds, from a seek point and from the
/// start, for whole files, cut ones and one whose length libavformat only estimated.
/// </summary>
public sealed class InProcessStreamEndsTests : IDisposable
{
    private readonly TempFolder _folder = new("stream-ends");

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string[], bool> Files => new()
    {
        { "whole.mp4", ["-f", "lavfi", "-i", "testsrc2=s=96x64:r=25:d=4", "-f", "lavfi", "-i", "sine=r=48000:d=4", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart"], false },
        { "cut.mp4", ["-f", "lavfi", "-i", "testsrc2=s=96x64:r=25:d=4", "-f", "lavfi", "-i", "sine=r=48000:d=4", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart"], true },
        { "cut.mkv", ["-f", "lavfi", "-i", "testsrc2=s=96x64:r=25:d=4", "-f", "lavfi", "-i", "sine=r=48000:d=4", "-c:v", "ffv1", "-c:a", "flac"], true },
        { "b-frames.mpg", ["-f", "lavfi", "-i", "testsrc2=s=96x64:r=25:d=4", "-f", "lavfi", "-i", "sine=r=48000:d=4", "-c:v", "mpeg2video", "-bf", "2", "-c:a", "mp2"], false },
        { "vbr.mp3", ["-f", "lavfi", "-i", "anoisesrc=d=5:r=44100,volume='if(lt(t,2),0.001,1)':eval=frame", "-c:a", "libmp3lame", "-q:a", "6", "-write_xing", "0"], false },
        { "a.wav", ["-f", "lavfi", "-i", "sine=r=44100:d=3", "-c:a", "pcm_s16le"], false },
    };

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void The_packets_end_where_ffprobe_says(string name, string[] encode, bool cutInHalf)
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(LibAvLibraries.Available, $"no in-process reading here: {LibAvLibraries.Failure}");
        var path = _folder[name];
        ToolRunner.Ffmpeg([.. encode, path]);
        if (cutInHalf)
        {
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        }
        var report = FfprobeReport.Parse(System.Text.Encoding.UTF8.GetString(ToolRunner.Run("ffprobe", FfprobeReport.Arguments(path)).Stdout));
        var streams = report.Streams.Where(s => s.DeclaredEnd is not null && s.TimeBase is not null).ToList();
        Assert.NotEmpty(streams);

        foreach (double? from in new double?[] { null, 0, Math.Max(0, streams.Min(s => s.DeclaredEnd!.Value) - 2) })
        {
            var native = StreamEnds.PacketEnds(path, streams, from);
            var ffprobe = StreamEnds.PacketEndsWithFfprobe(path, streams, from);
            Assert.NotNull(native);
            Assert.NotNull(ffprobe);
            Assert.Equal(ffprobe.Value.Estimated, native.Value.Estimated);
            Assert.Equal(ffprobe.Value.Ends.OrderBy(e => e.Key), native.Value.Ends.OrderBy(e => e.Key));
        }
        Assert.Equal(name == "vbr.mp3", StreamEnds.PacketEnds(path, streams, null)!.Value.Estimated);
    }
}
