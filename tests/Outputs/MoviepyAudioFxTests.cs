using System.Buffers.Binary;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>moviepy's audio fx in a rendered file: the mix written by <c>sc render</c>, read back sample by sample.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MoviepyAudioFxTests
{
    [SkippableFact]
    public async Task A_normalized_function_panned_left_and_a_looped_mix_reach_the_file()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-fx");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "fx.csx", """
            var quiet = AudioFrames((t, c) => 0.2 * Math.Sin(2 * Math.PI * 300 * t), 0.5).AudioNormalize().Pan(-1);
            var beep = AudioFrames((t, c) => 0.25, 0.25, channels: 2).StereoVolume(0, 1).AudioLoop(times: 2).WithStart(0.5);
            RenderAudio(Mix(quiet, beep), "fx.wav", codec: "pcm_f32le", sampleRate: 48000);
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        var (channels, samples) = ReadFloatWav(folder["fx.wav"]);
        Assert.Equal(2, channels);
        Assert.Equal(48000, samples.Length / 2);
        var leftPeak = 0f;
        for (var n = 0; n < 24000; n++)
        {
            leftPeak = Math.Max(leftPeak, Math.Abs(samples[2 * n]));
            Assert.Equal(Math.Sin(2 * Math.PI * 300 * n / 48000.0), samples[2 * n], 3);
            Assert.Equal(0, samples[2 * n + 1], 6);
        }
        Assert.Equal(1, leftPeak, 3);
        for (var n = 24000; n < 48000; n += 17)
        {
            Assert.Equal(0, samples[2 * n], 6);
            Assert.Equal(0.25, samples[2 * n + 1], 5);
        }
    }

    /// <summary>The channel count and interleaved samples of a 32-bit float WAV.</summary>
    private static (int Channels, float[] Samples) ReadFloatWav(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var channels = 0;
        for (var at = 12; at + 8 <= bytes.Length;)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            if (id == "fmt ")
                channels = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(at + 10));
            if (id == "data")
            {
                var count = Math.Min(size, bytes.Length - at - 8) / 4;
                var samples = new float[count];
                for (var i = 0; i < count; i++)
                    samples[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at + 8 + 4 * i));
                return (channels, samples);
            }
            at += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"{path} has no data chunk");
    }
}
