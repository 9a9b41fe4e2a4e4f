using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl;

/// <summary>
/// The sources a script starts from. Scripts see these as plain functions (<c>Color(...)</c>, <c>Video(...)</c>);
/// each validates at once, so an error points at the script line that made it.
/// </summary>
public static partial class Clips
{
    /// <summary>The largest width or height accepted, to catch a typo before it allocates gigabytes.</summary>
    public const int MaxSide = 16384;

    /// <summary>A plain color: a name ("white"), "#rrggbb", "#rrggbbaa", a tuple (255, 136, 0) or Rgb(255, 136, 0); black when left out.</summary>
    public static ColorClip Color(int width, int height, ColorValue color = default)
    {
        RequireSize(width, height, "Color");
        return new ColorClip(width, height, color.Or(Gpu.Rgba.Black, nameof(color)));
    }

    /// <summary>An opaque color from 0–255 channel values, wherever a color goes: <c>Color(64, 64, Rgb(255, 136, 0))</c>.</summary>
    public static Gpu.Rgba Rgb(int red, int green, int blue) => Rgba(red, green, blue, 255);

    /// <summary>A color from 0–255 channel values with alpha (0 transparent, 255 opaque), wherever a color goes.</summary>
    public static Gpu.Rgba Rgba(int red, int green, int blue, int alpha) =>
        ColorValue.FromInts(red, green, blue, alpha).Resolve(nameof(red));

    /// <summary>
    /// A PNG or JPEG picture; its alpha channel becomes its mask. Endless until given a duration.
    /// <paramref name="ignoreTransparency"/> makes it opaque; <paramref name="fromAlpha"/> returns its alpha as a grayscale mask clip.
    /// </summary>
    public static ImageClip Image(string path, bool ignoreTransparency = false, bool fromAlpha = false)
    {
        if (ignoreTransparency && fromAlpha)
            throw new ArgumentException("Image: ignoreTransparency and fromAlpha exclude each other; choose one.", nameof(fromAlpha));
        var alpha = fromAlpha ? ImageAlpha.AsMask : ignoreTransparency ? ImageAlpha.Ignore : ImageAlpha.Keep;
        return new ImageClip(ImageLoader.Load(MediaPaths.Resolve(path), alpha));
    }

    /// <summary>
    /// Numbered pictures as a video: a folder (every PNG/JPEG in name order) or a pattern such as "frames/img_*.png",
    /// shown at <paramref name="fps"/>. All pictures must have the size of the first.
    /// </summary>
    public static ImageSequenceClip ImageSequence(string folderOrPattern, double fps)
    {
        var rate = FrameRate.FromDouble(fps);
        var resolved = MediaPaths.Resolve(folderOrPattern);
        string[] files;
        if (Directory.Exists(resolved))
        {
            files = Directory.GetFiles(resolved).Where(f => Path.GetExtension(f).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg").ToArray();
        }
        else
        {
            var folder = Path.GetDirectoryName(resolved)!;
            if (!Directory.Exists(folder))
                throw new ScriptComposerException($"The image sequence folder '{folder}' does not exist. Check the path (relative paths are resolved from the script's folder).");
            files = Directory.GetFiles(folder, Path.GetFileName(resolved));
        }
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0)
            throw new ScriptComposerException($"No PNG or JPEG pictures match '{folderOrPattern}'. Give a folder of pictures or a pattern such as \"frames/img_*.png\".");
        var (width, height) = ImageLoader.ReadSize(files[0]);
        return new ImageSequenceClip(files, rate, width, height) { Duration = rate.TimeOf(files.Length) };
    }

    /// <summary>
    /// A video file's picture, decoded at its own size, or at <paramref name="width"/>×<paramref name="height"/>
    /// (give one of them to keep the aspect ratio).
    /// </summary>
    public static VideoClip Video(string path, int? width = null, int? height = null)
    {
        var media = MediaProbe.Probe(MediaPaths.Resolve(path));
        var (w, h) = (width, height) switch
        {
            (null, null) => (media.Width, media.Height),
            ({ } wOnly, null) => (wOnly, EvenRound((double)wOnly * media.Height / media.Width)),
            (null, { } hOnly) => (EvenRound((double)hOnly * media.Width / media.Height), hOnly),
            ({ } both, { } and) => (both, and),
        };
        RequireSize(w, h, "Video");
        return new VideoClip(media, w, h) { Duration = media.Duration };
    }

    /// <summary>The sound of an audio (or video) file, as a clip without a picture: mix it with <c>Composite</c> or attach it with <c>WithAudio</c>.</summary>
    public static AudioClip Audio(string path)
    {
        var media = MediaProbe.ProbeAudio(MediaPaths.Resolve(path));
        return new AudioClip(Dsl.Audio.FileAudio.Of(media)) { Duration = media.Duration };
    }

    /// <summary>A sine tone of <paramref name="frequency"/> Hz lasting <paramref name="duration"/> seconds, at <paramref name="amplitude"/> of full scale.</summary>
    public static AudioClip Tone(double frequency, Seconds duration, double amplitude = 0.5)
    {
        if (!double.IsFinite(frequency) || frequency <= 0 || frequency > 24000)
            throw new ArgumentOutOfRangeException(nameof(frequency), $"A tone's frequency must be between 0 and 24000 Hz; got {frequency}.");
        if (!(amplitude >= 0 && amplitude <= 1))
            throw new ArgumentOutOfRangeException(nameof(amplitude), $"A tone's amplitude must be between 0 and 1; got {amplitude}.");
        return (AudioClip)new AudioClip(new Audio.ToneAudio(frequency, amplitude)).WithDuration(duration);
    }

    /// <summary><paramref name="duration"/> seconds of silence, e.g. a gap in a <c>Concatenate</c>.</summary>
    public static AudioClip Silence(Seconds duration) => (AudioClip)new AudioClip(new Audio.SilenceAudio()).WithDuration(duration);

    /// <summary>
    /// Frames drawn by the script: <paramref name="generator"/> gets the clip's time and fills width × height RGBA
    /// pixels (straight alpha), e.g. <c>Frames(320, 240, 2, (t, px) => px.Fill(...))</c>. A lambda that would fit the
    /// <see cref="Image"/> form as well (one that never touches its pixels) means this one, as it did before that form.
    /// </summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static FramesClip Frames(int width, int height, Seconds duration, FrameGenerator generator)
    {
        RequireSize(width, height, "Frames");
        NullArgument.ThrowIfNull(generator);
        if (!double.IsFinite(duration) || duration <= 0)
            throw new ArgumentOutOfRangeException(nameof(duration), $"Frames needs a positive duration in seconds; got {duration}.");
        return new FramesClip(width, height, generator) { Duration = duration };
    }

    /// <summary>Lays <paramref name="clips"/> over a transparent canvas; the first clip is at the bottom.</summary>
    public static CompositeClip Composite(int width, int height, params Clip[] clips) => Composite(width, height, clips, default(ColorValue));

    /// <summary>Lays <paramref name="clips"/> over a canvas of color <paramref name="bg"/>; the first clip is at the bottom.</summary>
    public static CompositeClip Composite(int width, int height, IEnumerable<Clip> clips, ColorValue bg)
    {
        RequireSize(width, height, "Composite");
        NullArgument.ThrowIfNull(clips);
        var layers = new ClipList(clips);
        var background = bg.Or(Gpu.Rgba.Transparent, nameof(bg));
        if (layers.Count == 0 && background.A == 0)
            throw new ArgumentException("Composite needs at least one clip, or a background color.", nameof(clips));
        return new CompositeClip(width, height, layers, background);
    }

    private static void RequireSize(int width, int height, string what)
    {
        if (width <= 0 || height <= 0 || width > MaxSide || height > MaxSide)
            throw new ArgumentOutOfRangeException(nameof(width),
                $"{what} size {width}x{height} is impossible: width and height must be between 1 and {MaxSide} pixels.");
    }

    private static int EvenRound(double value) => Math.Max(2, (int)Math.Round(value / 2) * 2);
}
