using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

/// <summary>A mask and a sound given with WithAudio run with their clip's content: a Subclip after them cuts them too, as moviepy's subclipped does.</summary>
public class AttachedClipCutTests
{
    private const int Rate = 48000; // AudioFxTests.MixOf's

    /// <summary>A 2x2 mask, black for its first second and white after it.</summary>
    private static Clip LateMask() => Frames(2, 2, 3, (t, rgba) =>
    {
        var v = (byte)(t >= 1 ? 255 : 0);
        for (var i = 0; i < rgba.Length; i += 4)
            (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (v, v, v, 255);
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_subclip_after_a_mask_cuts_the_mask_with_the_picture(bool wrapped)
    {
        var masked = Color(2, 2, "white").WithDuration(3).WithMask(LateMask());
        var cut = (wrapped ? masked.Speed(1) : masked).Subclip(1, 2);

        foreach (var t in new[] { 0.0, 0.5, 0.9 })
            CpuRender.At(Composite(2, 2, [cut], "red").WithDuration(1), t).AssertPixel(0, 0, (255, 255, 255, 255), 0);
        // As a clip of its own (an output with alpha bakes the mask in), the same.
        Assert.Equal(255, CpuRender.At(cut, 0.5)[0, 0].A);
    }

    [Fact]
    public void A_mask_given_after_a_subclip_plays_from_its_own_start()
    {
        var cut = Color(2, 2, "white").WithDuration(3).Subclip(1, 3).WithMask(LateMask());
        var scene = Composite(2, 2, [cut], "red").WithDuration(2);

        CpuRender.At(scene, 0.5).AssertPixel(0, 0, (255, 0, 0, 255), 0);
        CpuRender.At(scene, 1.5).AssertPixel(0, 0, (255, 255, 255, 255), 0);
    }

    [Fact]
    public void Two_subclips_after_a_mask_add_up()
    {
        var masked = Color(2, 2, "white").WithDuration(3).WithMask(LateMask());
        var scene = Composite(2, 2, [masked.Subclip(0.5, 2.5).Subclip(0.25, 1)], "red").WithDuration(0.75);

        CpuRender.At(scene, 0.2).AssertPixel(0, 0, (255, 0, 0, 255), 0);
        CpuRender.At(scene, 0.3).AssertPixel(0, 0, (255, 255, 255, 255), 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_subclip_after_with_audio_cuts_the_sound_with_the_picture(bool wrapped)
    {
        var ramp = AudioFrames((t, _) => t / 8, 3);
        var withSound = Color(2, 2, "white").WithDuration(3).WithAudio(ramp);
        var cut = (wrapped ? withSound.Speed(1) : withSound).Subclip(1, 2);

        var mix = MonoMix(cut);

        Assert.Equal(Rate, mix.Length);
        foreach (var n in new[] { 0, 12000, 47999 })
            Assert.Equal((1 + n / (double)Rate) / 8, mix[n], 4);
    }

    [Fact]
    public void A_sound_given_a_start_after_a_subclip_still_waits_for_it()
    {
        var cut = Color(2, 2, "white").WithDuration(3).Subclip(1, 3).WithAudio(AudioFrames((t, _) => 0.5, 3).WithStart(0.5));

        var mix = MonoMix(cut);

        Assert.Equal(0, mix[Rate / 2 - 1]);
        Assert.Equal(0.5, mix[Rate / 2], 4);
    }

    private static float[] MonoMix(Clip clip) => AudioFxTests.MixOf(clip, ChannelLayout.Mono);
}
