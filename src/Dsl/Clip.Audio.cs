namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>Scales the clip's sound: 0.5 is half the amplitude (−6 dB), 2 twice.</summary>
    public Clip Volume(double factor)
    {
        if (!double.IsFinite(factor) || factor < 0 || factor > 100)
            throw new ArgumentOutOfRangeException(nameof(factor), $"Volume takes a factor from 0 (silent) to 100; got {factor}.");
        return this with { AudioVolume = AudioVolume * factor };
    }

    /// <summary>A volume that changes over the clip's own time (sampled 20 times a second when lowered to ffmpeg).</summary>
    public Clip Volume(Func<double, double> factor)
    {
        ArgumentNullException.ThrowIfNull(factor);
        var previous = AudioVolumeCurve;
        return this with { AudioVolumeCurve = previous is null ? factor : t => previous(t) * factor(t) };
    }

    /// <summary>The sound rises from silence over the first <paramref name="seconds"/>.</summary>
    public Clip AudioFadeIn(double seconds) => this with { AudioFadeInDuration = PositiveSeconds(seconds, "audio fade") };

    /// <summary>The sound falls to silence over the last <paramref name="seconds"/>.</summary>
    public Clip AudioFadeOut(double seconds) => this with { AudioFadeOutDuration = PositiveSeconds(seconds, "audio fade") };

    /// <summary>Silences the clip (and everything in it, for a composite).</summary>
    public Clip WithoutAudio() => this with { AudioMuted = true, AudioReplacement = null };

    /// <summary>Replaces the clip's sound with <paramref name="audio"/>'s (an <c>Audio(...)</c> clip, or any clip with sound), starting with the clip.</summary>
    public Clip WithAudio(Clip audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return this with { AudioReplacement = audio, AudioMuted = false };
    }
}
