using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// A lossy file's sound lasts as long as ffmpeg decodes it: not its packets' length, which counts the encoder's delay and
/// padding or Opus's pre-skip, so that a clip of it does not end in silence and a concatenation of it leaves no gap.
/// </summary>
public sealed class LossySoundLengthTests : IDisposable
{
    private readonly TempFolder _folder = new("lossy-length");

    public void Dispose() => _folder.Dispose();

    /// <summary>2 s of 440 Hz at 48 kHz encoded as each, and how many samples ffmpeg's decoder gives of it (null: the 96000 that went in).</summary>
    public static TheoryData<string, string[], int?> Files() => new()
    {
        { "lame.mp3", ["-c:a", "libmp3lame", "-b:a", "192k"], null },
        // Without its LAME header an MP3 does not say its delay and padding: ffmpeg decodes them.
        { "bare.mp3", ["-c:a", "libmp3lame", "-write_xing", "0"], 97920 },
        { "a.opus", ["-c:a", "libopus"], null },
        { "opus.ogg", ["-c:a", "libopus"], null },
        { "opus.webm", ["-c:a", "libopus"], null },
        { "opus.mka", ["-c:a", "libopus"], null },
        { "vorbis.ogg", ["-c:a", "libvorbis"], null },
        // ffmpeg decodes AAC's padding after the length an MP4's edit list says: that length is the sound's.
        { "aac.m4a", ["-c:a", "aac"], null },
        { "adts.aac", ["-c:a", "aac"], 97280 },
        { "a.mp2", ["-c:a", "mp2"], 96768 },
    };

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void A_lossy_file_lasts_as_long_as_its_decoded_sound(string name, string[] codec, int? frames)
    {
        ToolRunner.RequireFfmpeg();
        var path = _folder[name];
        ToolRunner.Ffmpeg(["-f", "lavfi", "-i", "sine=f=440:r=48000:d=2", .. codec, path]);
        var decoded = ToolRunner.Run("ffmpeg", ["-v", "error", "-nostdin", "-i", path, "-map", "0:a:0", "-ac", "1", "-f", "f32le", "-"]);
        Assert.True(decoded.ExitCode == 0, decoded.Stderr);
        var expected = frames ?? 96000;
        Assert.Equal(expected, name.EndsWith(".m4a", StringComparison.Ordinal) ? Math.Min(decoded.Stdout.Length / 4, expected) : decoded.Stdout.Length / 4);

        var audio = MediaProbe.ProbeAudio(path);

        Assert.Equal(expected, audio.Duration * 48000, 6);
        var sound = Clips.Audio(path);
        Assert.Equal(audio.Duration, sound.Duration);
        // Three in a row: as many samples as three decodes, and no silence between them.
        var three = Clips.Concatenate([sound, sound, sound]);
        var format = new AudioFormat(48000, ChannelLayout.Mono);
        using var mixer = new AudioMixer(AudioTimeline.Segments(three), format, 0, three.Duration!.Value, soxr: false);
        var samples = new float[mixer.FrameCount];
        Assert.Equal(3 * expected, samples.Length);
        var done = 0;
        int read;
        while ((read = mixer.Read(samples.AsSpan(done))) > 0)
            done += read;
        if (frames is not null)
            return; // the encoder's delay, decoded, is silence of its own
        var longestSilence = 0;
        for (int n = 0, run = 0; n < samples.Length; n++)
            longestSilence = Math.Max(longestSilence, run = Math.Abs(samples[n]) < 1e-3 ? run + 1 : 0);
        Assert.True(longestSilence < 8, $"{name}: {longestSilence} silent samples in a row");
    }

    [SkippableTheory]
    [InlineData("8k.mp3", 8000, "libmp3lame", "it should last 2 s, but the sound in the file ffmpeg wrote decodes to")]
    [InlineData("48k.opus", 48000, "libopus", "it should last 2 s, but the sound in the file ffmpeg wrote decodes to")]
    // An Ogg states its length on its last page: one cut short cannot be read back at all.
    [InlineData("8k.ogg", 8000, "libvorbis", "cannot read back")]
    public void An_output_of_lossy_sound_is_proven_by_its_decoded_length_and_one_cut_short_is_refused(string name, int rate, string codec, string refusal)
    {
        ToolRunner.RequireFfmpeg();
        var path = _folder[name];
        ToolRunner.Ffmpeg(["-f", "lavfi", "-i", $"sine=f=440:r={rate}:d=2", "-ac", "1", "-c:a", codec, path]);
        var format = new AudioFormat(rate, ChannelLayout.Mono);

        OutputProbe.RequireAudio(path, name, 2, codec, format);

        // The first 60 % of its bytes: a file whose header still states the whole length.
        var cut = _folder[$"cut-{name}"];
        File.WriteAllBytes(cut, File.ReadAllBytes(path)[..(int)(new FileInfo(path).Length * 6 / 10)]);
        var refused = Assert.Throws<OutputNotWholeException>(() => OutputProbe.RequireAudio(cut, name, 2, codec, format));
        Assert.Contains(refusal, refused.Message, StringComparison.Ordinal);
    }
}
