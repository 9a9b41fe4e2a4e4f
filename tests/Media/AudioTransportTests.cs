using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Tests.Outputs;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>The raw mix reaches the encoding ffmpeg beside the frames, through standard input or, without a socket for the frames, a file.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AudioTransportTests
{
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_mix_is_muxed_whole_beside_the_frames(bool withoutSocket)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-transport");
        var socketFolder = withoutSocket ? Directory.CreateDirectory(Path.Combine(folder.Path, new string('d', 120))).FullName : null;
        var output = folder["out.mkv"];
        var tone = Clips.Tone(440, 1, amplitude: 0.5);
        var format = new AudioFormat(48000, ChannelLayout.Stereo);
        var spec = new EncodeSpec(output, 32, 32, new FrameRate(10), new EncoderSettings(Preset: "ultrafast"), Audio: format,
            AudioSettings: new AudioSettings(Codec: "pcm_s16le"));
        var mixer = new AudioMixer(AudioTimeline.Segments(tone), format, 0, 1, soxr: false);

        using (var encoder = VideoEncoder.Start(spec, mixer, socketFolder))
        {
            var frame = new byte[spec.FrameBytes];
            for (var i = 0; i < 10; i++) encoder.WriteFrame(frame);
            encoder.Complete();
        }

        var samples = AudioProbe.Samples(output);
        Assert.Equal(96000, samples.Length);
        for (var n = 0; n < 48000; n++)
            Assert.True(Math.Abs(samples[2 * n] - 0.5 * Math.Sin(2 * Math.PI * 440 * n / 48000)) <= 1e-4, $"sample {n} is {samples[2 * n]}");
        Assert.Equal(["out.mkv"], folder.Files().Where(f => !f.StartsWith("ddd", StringComparison.Ordinal)));
    }

    /// <summary>Cancels on the rendering thread once a given frame is done.</summary>
    private sealed class CancelAtFrame(long frame, CancellationTokenSource source) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value)
        {
            if (value.FramesDone == frame) source.Cancel();
        }
    }

    [SkippableFact]
    public void A_render_with_sound_cancelled_mid_way_ends_its_decoders_and_leaves_nothing()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-transport");
        var music = folder["music.wav"];
        WavFile.Write(music, 44100, 2, WavFile.StereoMask, WavFile.Noise(44100 * 30, 2, seed: 9));
        var output = folder["cancel.mp4"];
        var scene = Clips.Composite(64, 64, [Clips.Color(64, 64, "navy"), Clips.Audio(music), Clips.Audio(music).Reverse().Volume(t => 0.5)], "black").WithDuration(30);
        var video = new VideoOutput(scene, output, new FrameRate(30), new EncoderSettings(Preset: "slow"), Audio: new AudioSettings());
        using var cancellation = new CancellationTokenSource();
        using var cpu = new CpuBackend();

        Assert.ThrowsAny<OperationCanceledException>(() => RenderJob.RenderVideo(video, cpu, null, new CancelAtFrame(10, cancellation), cancellation.Token));

        Assert.Equal(["music.wav"], folder.Files());
        ChildProcesses.AssertNoFfmpegChild(folder.Path);
    }
}
