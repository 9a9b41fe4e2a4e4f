using System.Diagnostics;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// A video whose frame N has luma 16 + 4·N (ffmpeg's geq), so every decoded frame tells its own index:
/// the reader must land on exact frames whether it reads on, jumps back or jumps far.
/// </summary>
public sealed class VideoReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sc-reader-").FullName;
    private readonly MediaInfo _media;

    public VideoReaderTests()
    {
        var path = Path.Combine(_folder, "counter.mp4");
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in new[] { "-hide_banner", "-loglevel", "error", "-nostdin", "-f", "lavfi", "-i", "color=c=black:s=32x32:r=10:d=5,format=yuv420p,geq=lum='16+4*N':cb=128:cr=128",
                     "-c:v", "libx264", "-qp", "0", "-g", "10", "-pix_fmt", "yuv420p", path })
            info.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(info)!;
        var stderr = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        Assert.True(ffmpeg.ExitCode == 0, stderr);
        _media = MediaProbe.Probe(path);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The reader hands out I420 for this source: the first byte is the first pixel's luma, 16 + 4·N.</summary>
    private static int IndexOf(ReadOnlySpan<byte> i420) => (int)Math.Round((i420[0] - 16) / 4.0);

    [Fact]
    public void Probe_reads_size_rate_duration_and_how_the_yuv_was_made()
    {
        using var reader = new VideoReader(_media, 32, 32);
        Assert.True(reader.DecodesI420);
        Assert.Equal(ScriptComposer.Gpu.YuvMatrix.Bt601, _media.Matrix);
        Assert.Equal((32, 32), (_media.Width, _media.Height));
        Assert.Equal(10, _media.FrameRate.Numerator);
        Assert.Equal(5, _media.Duration, 1);
    }

    [Fact]
    public void Reading_forward_backward_and_far_lands_on_exact_frames()
    {
        using var reader = new VideoReader(_media, 32, 32);

        foreach (var index in new long[] { 0, 1, 2, 3, 3, 5, 9, 4, 40, 41, 12, 49 })
            Assert.Equal(index, IndexOf(reader.ReadFrame(index)));
    }

    [Fact]
    public void Sequential_reads_start_ffmpeg_once_and_seeks_restart_it()
    {
        using var reader = new VideoReader(_media, 32, 32);

        for (var i = 0; i < 30; i++) reader.ReadFrame(i);
        Assert.Equal(1, reader.Starts);

        reader.ReadFrame(5);
        Assert.Equal(2, reader.Starts);
        reader.ReadFrame(45);
        Assert.Equal(3, reader.Starts);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void One_frame_past_the_end_repeats_the_last_and_more_is_an_error(bool readUpToIt)
    {
        using var reader = new VideoReader(_media, 32, 32);

        // A clip's end rounded up to the next frame asks for one frame past the last: allowed, from a read on or a jump.
        if (readUpToIt) reader.ReadFrame(48);
        Assert.Equal(49, IndexOf(reader.ReadFrame(50)));
        Assert.Equal(49, IndexOf(reader.ReadFrame(50)));
        var error = Assert.Throws<ScriptComposerException>(() => reader.ReadFrame(60));

        Assert.Contains("counter.mp4", error.Message, StringComparison.Ordinal);
        Assert.Contains("no picture after 5.00 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("at 6.00 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(12, IndexOf(reader.ReadFrame(12)));
        Assert.Equal(49, IndexOf(reader.ReadFrame(50)));
    }
}
