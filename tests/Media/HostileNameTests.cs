using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// Media named with quotes, $, \, ;, newlines, a leading '-' and unicode are probed, decoded in process and by ffmpeg,
/// and loaded as images under their own names, and no process is talked into writing a file.
/// </summary>
public sealed class HostileNameTests : IDisposable
{
    private readonly TempFolder _folder = new("hostile");

    public void Dispose() => _folder.Dispose();

    public static TheoryData<int> Names() => [.. Enumerable.Range(0, HostileNames.Stems.Count)];

    [SkippableTheory]
    [MemberData(nameof(Names))]
    public void A_video_with_this_name_is_probed_and_decoded(int which)
    {
        ToolRunner.RequireFfmpeg();
        var plain = _folder["plain.mp4"];
        // 4 s at 10 fps: frame 30 is far enough from the start for a seek, frame 3 near enough to read from the start; libavcodec
        // here does both, and an ffmpeg process does both for a video it must convert (as if not 8-bit yuv420p).
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=64x48:r=10:d=4", "-f", "lavfi", "-i", "sine=r=48000:d=4",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", plain);
        var hostile = _folder[HostileNames.Stems[which] + ".mp4"];
        File.Move(plain, hostile);

        var media = MediaProbe.Probe(hostile);
        var audio = MediaProbe.ProbeAudio(hostile);
        using (var reader = new VideoReader(media, 64, 48))
        {
            reader.ReadFrame(3);
            reader.ReadFrame(30);
            Assert.Equal(ScriptComposer.Dsl.Media.Native.LibAvLibraries.Available ? new DecodeCounts(1, 0, 0, Seeks: 1) : new DecodeCounts(0, 0, 2), reader.Decoding);
        }
        using (var reader = new VideoReader(media with { PixelFormat = "yuv420p10le" }, 64, 48))
        {
            reader.ReadFrame(3);
            reader.ReadFrame(30);
            Assert.Equal(new DecodeCounts(0, 0, 2), reader.Decoding);
        }

        Assert.Equal((hostile, 64, 48, 4.0), (media.Path, media.Width, media.Height, media.Duration));
        Assert.Equal((hostile, 1), (audio.Path, audio.Channels));
        Assert.Equal([Path.GetFileName(hostile)], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
        HostileNames.AssertNoVictim(_folder.Path);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void An_image_with_this_name_is_loaded(int which)
    {
        var path = _folder[HostileNames.Stems[which] + ".png"];
        PngWriter.Write(path, new byte[8 * 6 * 4], 8, 6);

        var image = ImageLoader.Load(path);

        Assert.Equal((path, 8, 6), (image.Path, image.Width, image.Height));
        Assert.Equal((8, 6), ImageLoader.ReadSize(path));
    }
}
