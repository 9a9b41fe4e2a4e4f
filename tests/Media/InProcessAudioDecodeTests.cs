using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Media.Native;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>Sound decoded (and resampled, cut, reversed, sped up) in process gives the samples the ffmpeg process gives.</summary>
public sealed class InProcessAudioDecodeTests : IDisposable
{
    private readonly TempFolder _folder = new("audio-decode");

    public void Dispose() => _folder.Dispose();

    private static void RequireLibAv()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(LibAvLibraries.Available && LibSwr.Available, $"no in-process decoding here: {LibAvLibraries.Failure ?? "no libswresample"}");
    }

    private static float[] ReadAll(IAudioReader reader, int channels)
    {
        using (reader)
        {
            var samples = new List<float>();
            var chunk = new float[1000 * channels];
            int read;
            while ((read = reader.Read(chunk)) > 0)
                samples.AddRange(chunk.AsSpan(0, read * channels));
            return [.. samples];
        }
    }

    /// <summary>Files of every kind the decoder converts from: s16 and f32 WAV, AAC (fltp) in mp4, MP3, FLAC (s32), mono and 5.1.</summary>
    public static TheoryData<string, string[]> Files() => new()
    {
        { "s16-48k.wav", ["-f", "lavfi", "-i", "anoisesrc=sample_rate=48000:duration=3:seed=1", "-ac", "2", "-c:a", "pcm_s16le"] },
        { "f32-44k.wav", ["-f", "lavfi", "-i", "sine=frequency=997:sample_rate=44100:duration=3", "-c:a", "pcm_f32le"] },
        { "aac-44k.mp4", ["-f", "lavfi", "-i", "anoisesrc=sample_rate=44100:duration=3:seed=2", "-ac", "2", "-c:a", "aac"] },
        { "mp3-22k.mp3", ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050:duration=3", "-c:a", "libmp3lame"] },
        { "s24-6ch.flac", ["-f", "lavfi", "-i", "anoisesrc=sample_rate=48000:duration=3:seed=3", "-af", "aformat=channel_layouts=5.1", "-c:a", "flac", "-sample_fmt", "s32"] },
    };

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Every_range_matches_the_ffmpeg_process(string name, string[] make)
    {
        RequireLibAv();
        var path = _folder[name];
        ToolRunner.Ffmpeg([.. make, path]);
        var file = FileAudio.Of(MediaProbe.ProbeAudio(path));
        var channels = file.Layout.Count;
        AudioDecodeRange[] ranges = [AudioDecodeRange.Whole, new(12345, 60000), new(1000, 50000, Reversed: true), new(4410, 70000, Speed: 2), new(0, 30000, Reversed: true, Speed: 0.75)];

        foreach (var range in ranges)
        {
            var inProcess = ReadAll(AudioSourceReader.TryInProcess(file, 48000, range, soxr: true)!, channels);
            var process = ReadAll(new FfmpegAudioReader(file.Path, AudioDecoder.Filters(file, 48000, range, soxr: true), channels), channels);

            Assert.True(process.Length > 0, $"{name} {range}: ffmpeg gave nothing");
            Assert.True(process.Length == inProcess.Length, $"{name} {range}: ffmpeg gave {process.Length / channels} frames, in process {inProcess.Length / channels}");
            var (error, at) = Outputs.AudioProbe.MaxError(process, inProcess);
            Assert.True(error == 0, $"{name} {range}: sample {at / channels} of channel {at % channels} differs by {error}");
        }
    }
}
