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
    public void Encoder_arguments_name_the_muxer_so_a_percent_in_the_name_is_taken_literally()
    {
        var gif = new EncodeSpec("/o/50%done.gif", 64, 48, new FrameRate(10), new EncoderSettings("gif", null, PixelFormat: "pal8"), OutputKind.Gif);

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -y -f rawvideo -pix_fmt rgba -s 64x48 -framerate 10 -i pipe:0 -an " +
            "-vf split[frames][copy];[copy]palettegen=stats_mode=diff[palette];[frames][palette]paletteuse=dither=sierra2_4a -c:v gif -f gif /o/50%done.gif",
            string.Join(' ', VideoEncoder.BuildArguments(gif)));
    }

    [Fact]
    public void Encoder_arguments_for_a_picture_sequence_double_the_percent_signs_of_its_folders()
    {
        var sequence = new EncodeSpec("/o/100%/f_%04d.png", 64, 48, new FrameRate(10), new EncoderSettings("png", null, PixelFormat: "rgb24"), OutputKind.ImageSequence);

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -y -f rawvideo -pix_fmt rgba -s 64x48 -framerate 10 -i pipe:0 -an " +
            "-c:v png -pix_fmt rgb24 -f image2 -start_number 0 /o/100%%/f_%04d.png",
            string.Join(' ', VideoEncoder.BuildArguments(sequence)));
    }

    [Fact]
    public void Output_probe_arguments_count_packets_without_decoding()
    {
        Assert.Equal(
            "-v error -count_packets -show_entries stream=codec_type,nb_read_packets:format=duration -of default=noprint_wrappers=1 /o/.x.partial-h-1-0123abcd.mp4",
            string.Join(' ', OutputProbe.BuildArguments("/o/.x.partial-h-1-0123abcd.mp4")));
    }

    [Fact]
    public void Output_probe_reads_packets_per_stream_and_the_duration()
    {
        var counts = OutputProbe.Parse("codec_type=video\nnb_read_packets=25\ncodec_type=audio\nnb_read_packets=48\nduration=1.023000\n");

        Assert.Equal(new OutputProbe.Counts(25, 48, 1.023), counts);
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
