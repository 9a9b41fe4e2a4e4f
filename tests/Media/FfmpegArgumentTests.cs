using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Tests.Media;

/// <summary>The ffmpeg command lines, pinned exactly, so a change to them is a deliberate one.</summary>
public class FfmpegArgumentTests
{
    [Fact]
    public void Encoder_arguments_for_default_h264()
    {
        var args = VideoEncoder.BuildArguments("/o/x.mp4", 1280, 720, new FrameRate(30), new EncoderSettings());

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -y -f rawvideo -pix_fmt yuv420p -s 1280x720 -framerate 30 " +
            "-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -i pipe:0 -an -c:v libx264 -preset medium " +
            "-pix_fmt yuv420p -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -f mp4 -movflags +faststart /o/x.mp4",
            string.Join(' ', args));
    }

    [Fact]
    public void Encoder_arguments_carry_every_setting()
    {
        var settings = new EncoderSettings("libx265", "slow", 20, "4M", 2, "yuv420p", ["-tag:v", "hvc1"]);

        var args = VideoEncoder.BuildArguments("/o/x.mkv", 640, 360, FrameRate.FromDouble(29.97), settings);

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -y -f rawvideo -pix_fmt yuv420p -s 640x360 -framerate 30000/1001 " +
            "-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -i pipe:0 -an -c:v libx265 -preset slow " +
            "-crf 20 -b:v 4M -threads 2 -pix_fmt yuv420p -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -f matroska -tag:v hvc1 /o/x.mkv",
            string.Join(' ', args));
    }

    [Fact]
    public void Decoder_arguments_from_the_start_at_own_size()
    {
        var media = new MediaInfo("/m/a.mp4", 640, 360, 8, new FrameRate(30), "yuv420p", false);

        var args = VideoReader.BuildArguments(media, 640, 360, 0);

        Assert.Equal("-hide_banner -loglevel error -nostdin -i /m/a.mp4 -map 0:v:0 -an -sn -dn -fps_mode passthrough -f rawvideo -pix_fmt yuv420p pipe:1", string.Join(' ', args));
    }

    [Fact]
    public void Decoder_arguments_seek_half_a_frame_early_and_scale()
    {
        var media = new MediaInfo("/m/a.mp4", 640, 360, 8, new FrameRate(30), "yuv420p", false);

        var args = VideoReader.BuildArguments(media, 320, 180, 60);

        Assert.Equal("-hide_banner -loglevel error -nostdin -ss 1.983333 -i /m/a.mp4 -map 0:v:0 -an -sn -dn -vf scale=320:180:flags=bicubic -fps_mode passthrough -f rawvideo -pix_fmt yuv420p pipe:1", string.Join(' ', args));
    }

    [Fact]
    public void Decoder_arguments_keep_rgba_for_sources_with_alpha()
    {
        var media = new MediaInfo("/m/a.mov", 64, 64, 1, new FrameRate(30), "yuva444p10le", false);

        Assert.EndsWith("-pix_fmt rgba pipe:1", string.Join(' ', VideoReader.BuildArguments(media, 64, 64, 0)));
    }
}
