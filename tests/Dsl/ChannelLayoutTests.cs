using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Dsl;

/// <summary>Channel layouts as ffmpeg names them, how one is mixed into another, and how an output's format is chosen.</summary>
public class ChannelLayoutTests
{
    private static readonly double Half = Math.Sqrt(0.5);

    private static ChannelLayout Layout(string name, int channels) => ChannelLayout.Parse(name, channels);

    [Fact]
    public void Layouts_are_read_as_ffprobe_names_them_and_default_by_count_as_ffmpeg_does()
    {
        Assert.Equal(["FL", "FR", "FC", "LFE", "SL", "SR"], Layout("5.1(side)", 6).Speakers);
        Assert.Equal("2.1", Layout("FL+FR+LFE", 3).Name);
        Assert.Equal("FC+LFE", Layout("2 channels (FC+LFE)", 2).Name);
        Assert.Equal("stereo", Layout("", 2).Name);
        Assert.Equal("5.1", Layout("unknown", 6).Name);
        Assert.Equal("5.1", Layout("stereo", 6).Name);
        Assert.Equal(["mono", "stereo", "2.1", "4.0", "5.0", "5.1", "6.1", "7.1"], Enumerable.Range(1, 8).Select(c => ChannelLayout.Default(c).Name));
        Assert.Equal("10c", ChannelLayout.Default(10).Name);
    }

    [Fact]
    public void Five_point_one_folds_to_stereo_with_the_itu_coefficients_and_no_lfe()
    {
        var m = ChannelMatrix.Between(Layout("5.1", 6), ChannelLayout.Stereo);

        Assert.Equal(new double[,] { { 1, 0, Half, 0, Half, 0 }, { 0, 1, Half, 0, 0, Half } }, m);
    }

    [Fact]
    public void Mono_keeps_full_level_on_both_sides_and_takes_the_centre_of_a_surround_layout()
    {
        Assert.Equal(new double[,] { { 1 }, { 1 } }, ChannelMatrix.Between(ChannelLayout.Mono, ChannelLayout.Stereo));
        Assert.Equal(new double[,] { { 0 }, { 0 }, { 1 }, { 0 }, { 0 }, { 0 } }, ChannelMatrix.Between(ChannelLayout.Mono, Layout("5.1", 6)));
        Assert.Equal(new double[,] { { 0.5, 0.5 } }, ChannelMatrix.Between(ChannelLayout.Stereo, ChannelLayout.Mono));
    }

    [Fact]
    public void Upmixing_places_channels_by_name_and_side_and_back_surrounds_stand_in_for_each_other()
    {
        var up = ChannelMatrix.Between(ChannelLayout.Stereo, Layout("5.1", 6));
        Assert.Equal(new double[,] { { 1, 0 }, { 0, 1 }, { 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, 0 } }, up);

        var side = ChannelMatrix.Between(Layout("5.1(side)", 6), Layout("5.1", 6));
        for (var i = 0; i < 6; i++)
            for (var o = 0; o < 6; o++)
                Assert.Equal(i == o ? 1 : 0, side[o, i]);
    }

    [Fact]
    public void Identical_layouts_map_one_to_one_even_without_names()
    {
        var many = ChannelLayout.Default(10);

        var m = ChannelMatrix.Between(many, many);

        for (var i = 0; i < 10; i++) Assert.Equal(1, m[i, i]);
        Assert.Equal(0, ChannelMatrix.Between(many, ChannelLayout.Stereo).Cast<double>().Sum());
    }

    [Fact]
    public void An_encoder_help_page_gives_its_rates_and_layouts()
    {
        var limits = AudioEncoderLimits.Parse("""
            Encoder ac3 [ATSC A/52A (AC-3)]:
                Supported sample rates: 48000 44100 32000
                Supported sample formats: fltp
                Supported channel layouts: mono stereo 3.0(back) 2 channels (FC+LFE) 2.1 5.1(side) 5.1
            """);

        Assert.Equal([48000, 44100, 32000], limits.SampleRates);
        Assert.Equal(["mono", "stereo", "3.0(back)", "2.1", "5.1(side)", "5.1"], limits.ChannelLayouts);
        Assert.True(AudioEncoderLimits.Parse("Encoder pcm_s16le:\n    Supported sample formats: s16\n").Takes(22050));
    }

    [SkippableFact]
    public void An_output_takes_the_sources_common_rate_and_widest_layout_moved_to_what_its_codec_takes()
    {
        ToolRunner.RequireFfmpeg();
        var stereo44 = Segment(new FileAudio("/a.wav", 1, 44100, ChannelLayout.Stereo));
        var surround44 = Segment(new FileAudio("/b.wav", 1, 44100, Layout("5.1(side)", 6)));
        var mono22 = Segment(new FileAudio("/c.wav", 1, 22050, ChannelLayout.Mono));
        var tone = Segment(new ToneAudio(440, 0.5));

        Assert.Equal(new AudioFormat(44100, Layout("5.1(side)", 6)), AudioFormat.For([stereo44, surround44, tone], new AudioSettings(), "pcm_s16le"));
        Assert.Equal(new AudioFormat(48000, Layout("5.1(side)", 6)), AudioFormat.For([surround44, mono22], new AudioSettings(), "pcm_s16le"));
        Assert.Equal(new AudioFormat(48000, ChannelLayout.Stereo), AudioFormat.For([tone], new AudioSettings(), "aac"));
        Assert.Equal(new AudioFormat(22050, ChannelLayout.Mono), AudioFormat.For([mono22], new AudioSettings(), "aac"));
        // libmp3lame takes mono and stereo only; libopus only 48 kHz and below.
        Assert.Equal(new AudioFormat(44100, ChannelLayout.Stereo), AudioFormat.For([surround44], new AudioSettings(), "libmp3lame"));
        Assert.Equal(48000, AudioFormat.For([stereo44], new AudioSettings(), "libopus").SampleRate);
        Assert.Equal(new AudioFormat(32000, ChannelLayout.Default(6)), AudioFormat.For([stereo44], new AudioSettings(SampleRate: 32000, Channels: 6), "pcm_s16le"));

        var rate = Assert.Throws<ScriptComposerException>(() => AudioFormat.For([stereo44], new AudioSettings(SampleRate: 44100), "libopus"));
        Assert.Contains("sampleRate: 48000", rate.Message);
        var channels = Assert.Throws<ScriptComposerException>(() => AudioFormat.For([stereo44], new AudioSettings(Channels: 6), "libmp3lame"));
        Assert.Contains("channels: 1 or 2", channels.Message);
    }

    private static AudioSegment Segment(AudioSource source) => new(source, 0, 1, 0, 1, false, 1, []);
}
