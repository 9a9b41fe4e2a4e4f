using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Tests.Media;

/// <summary>The ffmpeg command lines, pinned exactly, so a change to them is a deliberate one.</summary>
public class FfmpegArgumentTests
{
    [Fact]
    public void An_ffmpeg_older_than_5_1_gets_the_options_it_knows()
    {
        // What `ffmpeg -h long` lists: 4.x has -vsync and -channel_layout only; 5.1 and later have -fps_mode and -ch_layout too.
        var old = FfmpegTools.OptionsIn("Per-file main options:\n-f fmt              force format\n-vsync              video sync method\n-channel_layout layout  set channel layout\n");
        var current = FfmpegTools.OptionsIn("-f fmt              force format\n-vsync              video sync method\n-fps_mode[:<stream_spec>]  set framerate mode\n" +
            "-channel_layout layout  set channel layout\n-ch_layout layout   set channel layout\n");

        Assert.Equal(["-vsync", "passthrough"], FfmpegTools.EveryFrame(old));
        Assert.Equal("-channel_layout", FfmpegTools.ChannelLayoutOption(old));
        Assert.Equal("-ch_layout", FfmpegTools.ChannelLayoutOption(current));
        Assert.Equal(["-fps_mode", "passthrough"], FfmpegTools.EveryFrame(FfmpegTools.OptionsIn("-fps_mode       set framerate mode\n")));
        Assert.Empty(FfmpegTools.EncoderTimeBase(new FrameRate(120000, 1001), "libx264", FfmpegTools.OptionsIn("-vsync              video sync method\n")));
        Assert.Equal(["-enc_time_base:v", "1001/120000"], FfmpegTools.EncoderTimeBase(new FrameRate(120000, 1001), "libx264", FfmpegTools.OptionsIn("-enc_time_base ratio  set the desired time base\n")));
        Assert.Empty(FfmpegTools.EncoderTimeBase(new FrameRate(120000, 1001), "mpeg4", FfmpegTools.OptionsIn("-enc_time_base ratio  set the desired time base\n")));
    }

    [Fact]
    public void Encoder_arguments_for_default_h264()
    {
        var args = VideoEncoder.BuildArguments("/o/x.mp4", 1280, 720, new FrameRate(30), new EncoderSettings());

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -y -f rawvideo -pix_fmt yuv420p -s 1280x720 -framerate 30 " +
            "-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -i pipe:0 -an -c:v libx264 -preset medium -enc_time_base:v 1/30 " +
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
            "-crf 20 -b:v 4M -threads 2 -enc_time_base:v 1001/30000 -pix_fmt yuv420p -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -f matroska -tag:v hvc1 /o/x.mkv",
            string.Join(' ', args));
    }

    [Fact]
    public void A_full_range_yuvj_output_is_converted_and_tagged_full_range()
    {
        var args = VideoEncoder.BuildArguments("/o/x.mkv", 64, 48, new FrameRate(25), new EncoderSettings(PixelFormat: "yuvj420p"));

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -y -f rawvideo -pix_fmt rgba -s 64x48 -framerate 25 -i pipe:0 -an " +
            "-vf scale=out_color_matrix=bt709:out_range=pc,setparams=colorspace=bt709:color_primaries=bt709:color_trc=bt709:range=pc " +
            "-c:v libx264 -preset medium -enc_time_base:v 1/25 -pix_fmt yuvj420p -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range pc -f matroska /o/x.mkv",
            string.Join(' ', args));
        Assert.Equal(["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "pc"],
            VideoEncoder.ColorTagsFor(OutputKind.Video, new EncoderSettings(PixelFormat: "yuvj444p")));
    }

    [Fact]
    public void An_rgb_output_gets_no_yuv_matrix_or_range()
    {
        var args = VideoEncoder.BuildArguments("/o/x.mkv", 64, 48, new FrameRate(25), new EncoderSettings("libx264rgb", null, PixelFormat: "bgr0"));

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -y -f rawvideo -pix_fmt rgba -s 64x48 -framerate 25 -i pipe:0 -an " +
            "-c:v libx264rgb -enc_time_base:v 1/25 -pix_fmt bgr0 -f matroska /o/x.mkv",
            string.Join(' ', args));
    }

    [Fact]
    public void The_default_pixel_format_is_one_the_encoder_takes()
    {
        var libx264rgb = FfmpegTools.ParsePixelFormats("Encoder libx264rgb [libx264 H.264 RGB]:\n    General capabilities: dr1 delay threads\n    Supported pixel formats: bgr0 bgr24 rgb24\n");
        var prores = FfmpegTools.ParsePixelFormats("Encoder prores [Apple ProRes]:\n    Supported pixel formats: yuv422p10le yuv444p10le yuva444p10le\n");

        Assert.Equal(["bgr0", "bgr24", "rgb24"], libx264rgb);
        Assert.Empty(FfmpegTools.ParsePixelFormats("Encoder rawvideo [raw video]:\n    General capabilities: dr1 threads\n"));
        Assert.Equal("bgr0", OutputFormats.DefaultPixelFormat("libx264rgb", alpha: false, OutputKind.Video, libx264rgb));
        Assert.Equal("yuv422p10le", OutputFormats.DefaultPixelFormat("prores", alpha: false, OutputKind.Video, prores));
        Assert.Equal("yuva444p10le", OutputFormats.DefaultPixelFormat("prores", alpha: true, OutputKind.Video, prores));
        Assert.Equal("yuv420p", OutputFormats.DefaultPixelFormat("libx264", alpha: false, OutputKind.Video, ["yuv420p", "yuvj420p", "yuv444p"]));
        Assert.Equal("yuv420p", OutputFormats.DefaultPixelFormat("rawvideo", alpha: false, OutputKind.Video, []));
    }

    [Fact]
    public void Encoder_arguments_name_the_muxer_so_a_percent_in_the_name_is_taken_literally()
    {
        var gif = new EncodeSpec("/o/50%done.gif", 64, 48, new FrameRate(10), new EncoderSettings("gif", null, PixelFormat: "pal8"), OutputKind.Gif);

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -y -f rawvideo -pix_fmt rgba -s 64x48 -framerate 10 -i pipe:0 -an " +
            "-vf split[frames][copy];[copy]palettegen[palette];[frames][palette]paletteuse=dither=sierra2_4a -c:v gif -enc_time_base:v 1/10 -f gif /o/50%done.gif",
            string.Join(' ', VideoEncoder.BuildArguments(gif)));
    }

    [Fact]
    public void Encoder_arguments_for_a_picture_sequence_double_the_percent_signs_of_its_folders()
    {
        var sequence = new EncodeSpec("/o/100%/f_%04d.png", 64, 48, new FrameRate(10), new EncoderSettings("png", null, PixelFormat: "rgb24"), OutputKind.ImageSequence);

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -y -f rawvideo -pix_fmt rgba -s 64x48 -framerate 10 -i pipe:0 -an " +
            "-c:v png -enc_time_base:v 1/10 -pix_fmt rgb24 -f image2 -start_number 0 /o/100%%/f_%04d.png",
            string.Join(' ', VideoEncoder.BuildArguments(sequence)));
    }

    [Fact]
    public void Output_probe_arguments_count_packets_without_decoding()
    {
        Assert.Equal(
            "-v error -count_packets -show_entries stream=index,codec_type,nb_read_packets:format=duration -of default=noprint_wrappers=1 /o/.x.partial-h-1-0123abcd.mp4",
            string.Join(' ', OutputProbe.BuildArguments("/o/.x.partial-h-1-0123abcd.mp4")));
    }

    [Fact]
    public void Output_probe_reads_packets_per_stream_and_the_duration()
    {
        var counts = OutputProbe.Parse("codec_type=video\nnb_read_packets=25\ncodec_type=audio\nnb_read_packets=48\nduration=1.023000\n");

        Assert.Equal(new OutputProbe.Counts(25, 48, 1.023), counts);
    }

    [Fact]
    public void Output_probe_counts_a_stream_listed_under_its_program_once()
    {
        var counts = OutputProbe.Parse("index=0\ncodec_type=video\nnb_read_packets=30\nindex=0\ncodec_type=video\nnb_read_packets=30\nduration=1.000000\n");

        Assert.Equal(new OutputProbe.Counts(30, 0, 1.0), counts);
    }

    [Fact]
    public void Decoder_arguments_from_the_start_at_own_size()
    {
        var media = new MediaInfo("/m/a.mp4", 640, 360, 8, new FrameRate(30), "yuv420p", false);

        var args = VideoReader.BuildArguments(media, 640, 360, 0);

        Assert.Equal("-hide_banner -loglevel error -nostdin -i /m/a.mp4 -map 0:v:0 -an -sn -dn -fps_mode passthrough -f rawvideo -pix_fmt yuv420p pipe:1", string.Join(' ', args));
    }

    [Fact]
    public void Decoder_arguments_seek_half_a_frame_early_from_the_first_picture_and_scale()
    {
        var media = new MediaInfo("/m/a.mp4", 640, 360, 8, new FrameRate(30), "yuv420p", false);
        var lateVideo = new MediaInfo("/m/a.mkv", 640, 360, 8, new FrameRate(30), "yuv420p", true) { VideoStart = 1.466667, Container = "matroska,webm" };
        var transportStream = new MediaInfo("/m/a.ts", 640, 360, 8, new FrameRate(30), "yuv420p", true) { VideoStart = 1.466667, Container = "mpegts" };

        var args = VideoReader.BuildArguments(media, 320, 180, 60);

        Assert.Equal("-hide_banner -loglevel error -nostdin -seek_timestamp 1 -ss 1.983333 -i /m/a.mp4 -map 0:v:0 -an -sn -dn -vf scale=320:180:flags=bicubic -fps_mode passthrough -f rawvideo -pix_fmt yuv420p pipe:1", string.Join(' ', args));
        Assert.Contains("-seek_timestamp 1 -ss 3.45 -i /m/a.mkv", string.Join(' ', VideoReader.BuildArguments(lateVideo, 640, 360, 60)), StringComparison.Ordinal);
        // No index to seek by: read from the start, drop what comes before the frame on the file's own clock.
        Assert.Equal("-hide_banner -loglevel error -nostdin -copyts -i /m/a.ts -map 0:v:0 -an -sn -dn -ss 3.45 -fps_mode passthrough -f rawvideo -pix_fmt yuv420p pipe:1",
            string.Join(' ', VideoReader.BuildArguments(transportStream, 640, 360, 60)));
    }

    [Fact]
    public void Decoder_arguments_keep_rgba_for_sources_with_alpha()
    {
        var media = new MediaInfo("/m/a.mov", 64, 64, 1, new FrameRate(30), "yuva444p10le", false);

        Assert.EndsWith("-pix_fmt rgba pipe:1", string.Join(' ', VideoReader.BuildArguments(media, 64, 64, 0)));
    }

    [Fact]
    public void Encoder_arguments_read_the_raw_mix_as_a_second_input()
    {
        var spec = new EncodeSpec("/o/x.mp4", 640, 360, new FrameRate(30), new EncoderSettings(), Audio: new AudioFormat(44100, ChannelLayout.Parse("5.1", 6)),
            AudioSettings: new AudioSettings());

        var args = VideoEncoder.BuildArguments(spec, "unix:/tmp/v.sock");

        Assert.Equal(
            "-hide_banner -loglevel error -nostdin -y -f rawvideo -pix_fmt yuv420p -s 640x360 -framerate 30 " +
            "-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -i unix:/tmp/v.sock " +
            "-f f32le -ar 44100 -ch_layout 5.1 -i pipe:0 -map 0:v -map 1:a -c:v libx264 -preset medium -enc_time_base:v 1/30 " +
            "-pix_fmt yuv420p -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv -c:a aac -b:a 192k -f mp4 -movflags +faststart /o/x.mp4",
            string.Join(' ', args));
    }

    [Fact]
    public void Audio_encoder_arguments_read_the_raw_mix_and_leave_lossless_codecs_without_a_bitrate()
    {
        var format = new AudioFormat(22050, ChannelLayout.Mono);

        Assert.Equal("-hide_banner -loglevel error -nostdin -y -f f32le -ar 22050 -ch_layout mono -i pipe:0 -c:a libmp3lame -b:a 128k /o/a.mp3",
            string.Join(' ', AudioEncoder.BuildArguments("/o/a.mp3", format, new AudioSettings(Bitrate: "128k"))));
        Assert.Equal("-hide_banner -loglevel error -nostdin -y -f f32le -ar 22050 -ch_layout mono -i pipe:0 -c:a pcm_s16le /o/a.wav",
            string.Join(' ', AudioEncoder.BuildArguments("/o/a.wav", format, new AudioSettings())));
    }

    [Fact]
    public void Audio_decoder_arguments_resample_once_and_only_when_the_rate_differs()
    {
        var at48 = new FileAudio("/m/a.wav", 10, 48000, ChannelLayout.Stereo);
        var at44 = new FileAudio("/m/b.mp4", 10, 44100, ChannelLayout.Stereo);

        Assert.Equal("-hide_banner -loglevel error -nostdin -i /m/a.wav -map 0:a:0 -vn -sn -dn -af atrim=start_sample=48000:end_sample=96000 -c:a pcm_f32le -f f32le pipe:1",
            string.Join(' ', AudioDecoder.BuildArguments(at48.Path, AudioDecoder.AtMixRate(at48, 48000, 48000, 96000, reversed: false, soxr: true))));
        Assert.Equal("aresample=48000:resampler=soxr:precision=28,atrim=start_sample=0:end_sample=4800,areverse",
            AudioDecoder.AtMixRate(at44, 48000, 0, 4800, reversed: true, soxr: true));
        Assert.Equal("aresample=48000:filter_size=128:phase_shift=10:cutoff=0.97,atrim=start_sample=0:end_sample=4800",
            AudioDecoder.AtMixRate(at44, 48000, 0, 4800, reversed: false, soxr: false));
        Assert.Null(AudioDecoder.Whole(at48, 48000, soxr: true));
        Assert.Equal("-hide_banner -loglevel error -nostdin -i /m/a.wav -map 0:a:0 -vn -sn -dn -c:a pcm_f32le -f f32le pipe:1",
            string.Join(' ', AudioDecoder.BuildArguments(at48.Path, null)));
    }

    [Fact]
    public void Audio_decoder_arguments_change_speed_at_the_source_rate_and_resample_once_before_the_cut()
    {
        var at44 = new FileAudio("/m/b.wav", 10, 44100, ChannelLayout.Stereo);
        var at24 = new FileAudio("/m/c.wav", 10, 24000, ChannelLayout.Mono);

        Assert.Equal("asetrate=88200,aresample=48000:resampler=soxr:precision=28,atrim=start_sample=24000:end_sample=72000",
            AudioDecoder.WithSpeed(at44, 48000, 24000, 72000, reversed: false, speed: 2, soxr: true));
        Assert.Equal("asetrate=48000,atrim=start_sample=0:end_sample=24000,areverse",
            AudioDecoder.WithSpeed(at24, 48000, 0, 24000, reversed: true, speed: 2, soxr: true));
    }
}
