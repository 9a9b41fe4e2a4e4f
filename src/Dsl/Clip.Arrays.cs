using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Time;
using ScriptComposer.Dsl.Transforms;
using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>
    /// Transforms whole frames in C# (moviepy's <c>fl</c> and <c>fl_image</c>): <paramref name="map"/> gets the clip's time and
    /// its frame as an <see cref="Image"/> (straight alpha) and returns the frame to show, the same size, e.g.
    /// <c>clip.Map((t, image) => image.Crop(0, 0, 320, 180).Blit(...))</c>. It runs on the CPU: with the CUDA backend each frame
    /// is downloaded, mapped and uploaded again (<c>--verbose</c> counts them), so keep it for what the other operations cannot say.
    /// </summary>
    public Clip Map(Func<double, Image, Image> map)
    {
        NullArgument.ThrowIfNull(map);
        return Wrap(inner => new MapClip(inner, map) { Duration = Duration });
    }

    /// <summary>Changes each frame in place: <c>clip.Map((t, image) => { image[0, 0] = new Rgba(255, 0, 0); })</c>.</summary>
    public Clip Map(Action<double, Image> map)
    {
        NullArgument.ThrowIfNull(map);
        return Map((t, image) =>
        {
            map(t, image);
            return image;
        });
    }

    /// <summary>
    /// Plays the clip on a timeline of your own (moviepy's <c>fl_time</c>): at its time t the clip shows its frame at
    /// <paramref name="time"/>(t), e.g. <c>MapTime(t => t * t)</c> (speeding up) or <c>MapTime(t => 2 + Math.Sin(t))</c>.
    /// A time before 0 shows the first frame. The clip keeps its duration unless <paramref name="duration"/> is given. The
    /// result has no sound: no function of time is a sound edit (use Speed or Reverse for sound that follows).
    /// </summary>
    public Clip MapTime(Func<double, double> time, double? duration = null)
    {
        NullArgument.ThrowIfNull(time);
        if (duration is { } d && !(d > 0 && double.IsFinite(d)))
            throw new ArgumentOutOfRangeException(nameof(duration), $"MapTime's duration must be a positive number of seconds; got {d}.");
        var length = duration ?? Duration;
        var description = Describe();
        if (length is { } checkedLength)
            AnimatedSize.Checked(time, this with { Duration = checkedLength }, nameof(time), nameof(MapTime));
        return Wrap(inner => new TimeMappedClip(inner, new TimeFunctionMap(time, description)) { Duration = length }).WithoutAudio();
    }

    /// <summary>
    /// The clip's frame at <paramref name="t"/> seconds as an <see cref="Image"/> (moviepy's <c>get_frame</c>), drawn on the CPU
    /// with its own opacity and mask, as an output with alpha shows it: for analysis while the script runs, or for debugging.
    /// </summary>
    public Image GetFrame(double t)
    {
        CheckFrameTime(t, nameof(t));
        using var backend = new CpuBackend();
        using var renderer = new FrameRenderer(backend);
        return Download(renderer, backend, t);
    }

    /// <summary>
    /// Every frame of the clip at <paramref name="fps"/>, in order (moviepy's <c>iter_frames</c>); frame i is the clip at
    /// i / fps seconds. Drawn on the CPU one at a time as you enumerate; the clip must have a duration.
    /// </summary>
    public IEnumerable<Image> IterFrames(double fps)
    {
        var rate = FrameRate.FromDouble(fps);
        var duration = Duration ?? throw new InvalidOperationException(
            $"IterFrames needs to know where {Describe()} ends; give it a duration first with WithDuration(seconds).");
        return Iterate(rate, duration);
    }

    private IEnumerable<Image> Iterate(FrameRate rate, double duration)
    {
        using var backend = new CpuBackend();
        using var renderer = new FrameRenderer(backend);
        var count = rate.FrameCount(duration);
        for (var i = 0L; i < count; i++)
            yield return Download(renderer, backend, rate.TimeOf(i));
    }

    private Image Download(FrameRenderer renderer, CpuBackend backend, double t)
    {
        using var picture = renderer.RenderWithOwnAlpha(this, t);
        var bytes = new byte[picture.ByteCount];
        backend.Download(picture, bytes);
        return Image.FromPremultiplied(bytes, picture.Width, picture.Height);
    }

    private void CheckFrameTime(double t, string name)
    {
        if (!double.IsFinite(t) || t < 0 || (Duration is { } d && t > d))
            throw new ArgumentOutOfRangeException(name,
                $"GetFrame's time must be from 0 to the end of {Describe()} ({(Duration is { } end ? $"{end:0.###} s" : "no end")}); got {t}.");
    }
}
