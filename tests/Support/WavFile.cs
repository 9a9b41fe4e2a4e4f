using System.Buffers.Binary;

namespace ScriptComposer.Tests.Support;

/// <summary>Writes 32-bit float WAV files with known samples (WAVE_FORMAT_EXTENSIBLE, so the channel layout is stated).</summary>
internal static class WavFile
{
    /// <summary>ffmpeg's (and Windows') speaker bits: FL FR FC LFE BL BR ... .</summary>
    public const int MonoMask = 0x4, StereoMask = 0x3, FivePointOneMask = 0x3F;

    public static void Write(string path, int sampleRate, int channels, int channelMask, ReadOnlySpan<float> interleaved)
    {
        var data = interleaved.Length * 4;
        var bytes = new byte[12 + 8 + 40 + 8 + data];
        var span = bytes.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], bytes.Length - 8);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 40);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * channels * 4);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(channels * 4));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 32);
        BinaryPrimitives.WriteUInt16LittleEndian(span[36..], 22);
        BinaryPrimitives.WriteUInt16LittleEndian(span[38..], 32);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], channelMask);
        // KSDATAFORMAT_SUBTYPE_IEEE_FLOAT
        new byte[] { 3, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71 }.CopyTo(span[44..]);
        "data"u8.CopyTo(span[60..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[64..], data);
        for (var i = 0; i < interleaved.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(span[(68 + 4 * i)..], interleaved[i]);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Uniform noise in [−0.9, 0.9], the same for the same seed.</summary>
    public static float[] Noise(int frames, int channels, int seed)
    {
        var random = new Random(seed);
        var samples = new float[frames * channels];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (float)(random.NextDouble() * 1.8 - 0.9);
        return samples;
    }
}
