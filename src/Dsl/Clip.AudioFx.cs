namespace ScriptComposer.Dsl;

/// <summary>moviepy's audio fx in the DSL's spelling: stereo volume and pan, audio loops, normalization.</summary>
public abstract partial record Clip
{
    /// <summary>Gains of the left and right speakers set by <see cref="StereoVolume"/> or <see cref="Pan"/>; null when the clip has none.</summary>
    public (double Left, double Right)? StereoGains { get; init; }

    /// <summary>Set by <see cref="AudioNormalize"/>: the clip's sound is scaled so that its loudest sample reaches full scale.</summary>
    public bool AudioNormalized { get; init; }

    /// <summary>
    /// moviepy's <c>audio_left_right</c> / <c>MultiplyStereoVolume</c>: the clip's sound is scaled by <paramref name="left"/> on the
    /// left speakers and <paramref name="right"/> on the right ones of the output (a mono output takes the left factor, centre and LFE
    /// channels are left alone). A mono source is placed on both sides first, so it can be panned.
    /// </summary>
    public Clip StereoVolume(double left = 1, double right = 1)
    {
        if (!double.IsFinite(left) || left < 0 || left > 100)
            throw new ArgumentOutOfRangeException(nameof(left), $"StereoVolume's left factor must be from 0 (silent) to 100; got {left}.");
        if (!double.IsFinite(right) || right < 0 || right > 100)
            throw new ArgumentOutOfRangeException(nameof(right), $"StereoVolume's right factor must be from 0 (silent) to 100; got {right}.");
        var (l, r) = StereoGains ?? (1, 1);
        return this with { StereoGains = (l * left, r * right) };
    }

    /// <summary>
    /// Places the sound between the speakers: −1 is all left, 0 as it is, 1 all right (the far side is turned down linearly, the near
    /// side kept: <c>StereoVolume(min(1, 1 − pan), min(1, 1 + pan))</c>).
    /// </summary>
    public Clip Pan(double pan)
    {
        if (!double.IsFinite(pan) || pan < -1 || pan > 1)
            throw new ArgumentOutOfRangeException(nameof(pan), $"Pan's pan is a position from −1 (left) through 0 (centre) to 1 (right); got {pan}.");
        return StereoVolume(Math.Min(1, 1 - pan), Math.Min(1, 1 + pan));
    }

    /// <summary>moviepy's <c>audio_loop(nloops=n)</c>: a sound-only clip played <paramref name="times"/> times in a row.</summary>
    public Clip AudioLoop(int times)
    {
        RequireSoundOnly("AudioLoop", "Loop(times: n)");
        return Loop(times);
    }

    /// <summary>moviepy's <c>audio_loop(duration=s)</c>: a sound-only clip repeated for <paramref name="seconds"/> in all; name it: <c>AudioLoop(seconds: 30)</c>.</summary>
    public Clip AudioLoop(Seconds seconds)
    {
        RequireSoundOnly("AudioLoop", "Loop(seconds: s)");
        return Loop(seconds);
    }

    /// <summary>Refused at compile time, as <c>Loop(number)</c>: write <c>AudioLoop(times: n)</c> or <c>AudioLoop(seconds: s)</c>.</summary>
    [Obsolete("AudioLoop(number) is ambiguous: write AudioLoop(times: n) to repeat n times, or AudioLoop(seconds: s) to repeat for s seconds in all.", error: true)]
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public Clip AudioLoop(double number) => throw new InvalidOperationException($"AudioLoop({number}) is ambiguous: write AudioLoop(times: n) or AudioLoop(seconds: s).");

    /// <summary>
    /// moviepy's <c>audio_normalize</c>: the sound is scaled by 1 / its peak (the largest |sample| of any channel, measured on the
    /// clip's own sound when it is mixed), so the loudest sample reaches full scale; silence stays silent. A <c>Volume(x)</c> after it
    /// scales the normalized sound (one before it changes nothing, as in moviepy).
    /// </summary>
    public Clip AudioNormalize() => this with { AudioNormalized = true, AudioVolume = 1 };

    /// <summary>
    /// moviepy 2's <c>AudioDelay</c> (an echo): the sound plus <paramref name="repeats"/> copies, each <paramref name="offset"/> seconds
    /// after the last, their volumes falling evenly from 1 to <paramref name="decay"/> (numpy's linspace(1, decay, repeats + 1) past its first).
    /// </summary>
    public Clip AudioDelay(Seconds? offset = null, int repeats = 8, double decay = 1)
    {
        RequireSoundOnly("AudioDelay", "Mix(clip, clip.WithStart(offset).Volume(v), ...)");
        var step = offset?.Value ?? 0.2;
        if (!double.IsFinite(step) || step <= 0)
            throw new ArgumentOutOfRangeException(nameof(offset), $"AudioDelay's offset must be a positive number of seconds (0.2 is moviepy's default); got {step}.");
        if (repeats is < 0 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(repeats), $"AudioDelay repeats the sound 0 to 1000 times (8 is moviepy's default); got {repeats}.");
        if (!double.IsFinite(decay) || decay < 0 || decay > 100)
            throw new ArgumentOutOfRangeException(nameof(decay), $"AudioDelay's decay is the last copy's volume, 0 to 100 (1 is moviepy's default); got {decay}.");
        return Wrap(inner => Clips.Mix([inner, .. Enumerable.Range(1, repeats).Select(k => inner.WithStart(k * step).Volume(1 + (decay - 1) * k / repeats))]));
    }

    private void RequireSoundOnly(string operation, string instead)
    {
        if (HasPicture)
            throw new InvalidOperationException($"{operation} loops sound-only clips (Audio, Tone, AudioFrames, Mix); {Describe()} has a picture: use {instead}, which loops its picture and sound together.");
    }
}
