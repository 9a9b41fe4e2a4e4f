using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Time;
using ScriptComposer.Dsl.Transforms;

namespace ScriptComposer.Dsl;

/// <summary>moviepy's video fx that the first vocabulary lacked, in the DSL's spelling (see docs/from-moviepy.md).</summary>
public abstract partial record Clip
{
    /// <summary>
    /// moviepy's <c>accel_decel</c>: plays the clip in <paramref name="newDuration"/> (its own duration when not given), slow, then
    /// fast, then slow again (<paramref name="abruptness"/> above 0; between −1 and 0 the other way round; 0 changes nothing);
    /// <paramref name="soonness"/> (positive) moves the change earlier or later. Its sound plays as it is, as in moviepy.
    /// </summary>
    public Clip AccelDecel(Seconds? newDuration = null, double abruptness = 1, double soonness = 1)
    {
        var duration = RequireDuration("AccelDecel");
        var target = newDuration?.Value ?? duration;
        if (!double.IsFinite(target) || target <= 0)
            throw new ArgumentOutOfRangeException(nameof(newDuration), $"AccelDecel's newDuration must be a positive number of seconds; got {target}.");
        if (!double.IsFinite(abruptness) || abruptness <= -1)
            throw new ArgumentOutOfRangeException(nameof(abruptness), $"AccelDecel's abruptness must be above −1 (0 changes nothing, 1 is moviepy's default); got {abruptness}.");
        if (!double.IsFinite(soonness) || soonness <= 0)
            throw new ArgumentOutOfRangeException(nameof(soonness), $"AccelDecel's soonness must be a positive number (1 is moviepy's default); got {soonness}.");
        return Wrap(inner => new TimeMappedClip(inner, new AccelDecelMap(duration, target, abruptness, soonness)) { Duration = target });
    }

    /// <summary>
    /// moviepy's <c>blink</c>: shown for <paramref name="on"/> seconds, hidden for <paramref name="off"/>, over and over, from the
    /// clip's start (its opacity is multiplied by 1 or 0, so it shows what is under it in a composite).
    /// </summary>
    public Clip Blink(Seconds on, Seconds off)
    {
        RequireFinite(on, nameof(on), "blink's time on");
        RequireFinite(off, nameof(off), "blink's time off");
        if (on <= 0 || off < 0)
            throw new ArgumentOutOfRangeException(on <= 0 ? nameof(on) : nameof(off), $"Blink needs on: a positive number of seconds shown, and off: 0 or more seconds hidden; got on: {on}, off: {off}.");
        var period = on.Value + off.Value;
        var shown = on.Value;
        // Frame times are decimals (2.3 % 0.5 is 0.29999…): a time within a hair of a switch counts as past it.
        return Opacity(t =>
        {
            var cycles = t / period;
            var within = (cycles - Math.Floor(cycles + TimeEpsilon.Frames)) * period;
            return within < shown - TimeEpsilon.Seconds ? 1 : 0;
        });
    }

    /// <summary>moviepy's <c>even_size</c>: drops the last column and/or row when the width and/or height is odd (as yuv420p needs).</summary>
    public Clip EvenSize() => Width % 2 == 0 && Height % 2 == 0 ? this : Crop(0, 0, Width - Width % 2, Height - Height % 2);

    /// <summary>
    /// moviepy's <c>freeze_region</c>: freezes a part of the picture at its look at <paramref name="at"/> seconds while the rest plays
    /// on. Give exactly one of <paramref name="region"/> (x1, y1, x2, y2: that rectangle is frozen), <paramref name="outsideRegion"/>
    /// (everything but that rectangle is frozen) or <paramref name="mask"/> (a clip of this size: where it is white, the picture is frozen).
    /// </summary>
    public Clip FreezeRegion(Seconds at = default, (int X1, int Y1, int X2, int Y2)? region = null, (int X1, int Y1, int X2, int Y2)? outsideRegion = null, Clip? mask = null)
    {
        RequireFinite(at, nameof(at), "freeze time");
        if ((region is null ? 0 : 1) + (outsideRegion is null ? 0 : 1) + (mask is null ? 0 : 1) != 1)
            throw new ArgumentException("FreezeRegion needs exactly one of region: (x1, y1, x2, y2), outsideRegion: (x1, y1, x2, y2) or mask: clip.", nameof(region));
        if (at < 0 || (Duration is { } d && at >= d))
            throw new ArgumentOutOfRangeException(nameof(at), $"FreezeRegion at {at:0.###} s is outside {Describe()}{(Duration is { } len ? $", which lasts {len:0.###} s" : "")}.");
        if (mask is not null && (mask.Width != Width || mask.Height != Height))
            throw new ArgumentException($"FreezeRegion's mask {mask.Describe()} is {mask.Width}x{mask.Height} but {Describe()} is {Width}x{Height}; the mask must have the clip's size.", nameof(mask));
        var rectangle = region ?? outsideRegion;
        if (rectangle is { } r && (r.X1 < 0 || r.Y1 < 0 || r.X2 > Width || r.Y2 > Height || r.X2 <= r.X1 || r.Y2 <= r.Y1))
            throw new ArgumentOutOfRangeException(region is null ? nameof(outsideRegion) : nameof(region),
                $"FreezeRegion's {(region is null ? "outsideRegion" : "region")} ({r.X1}, {r.Y1}, {r.X2}, {r.Y2}) must lie inside {Describe()} ({Width}x{Height}) with x1 < x2 and y1 < y2.");
        var time = at.Value;
        return Wrap(inner =>
        {
            Clip Held(Clip clip) => new TimeMappedClip(clip, new HoldMap(time)) { Duration = inner.Duration };
            var layers = (region, outsideRegion) switch
            {
                ({ } box, _) => new[] { inner, Held(inner.Crop(box.X1, box.Y1, box.X2, box.Y2)).At(box.X1, box.Y1) },
                (_, { } box) => [Held(inner), inner.Crop(box.X1, box.Y1, box.X2, box.Y2).At(box.X1, box.Y1)],
                _ => [inner, Held(inner).WithMask(mask!)],
            };
            return Clips.Composite(Width, Height, layers) with { Duration = inner.Duration };
        });
    }

    /// <summary>
    /// moviepy's <c>headblur</c>: a disc of <paramref name="radius"/> pixels around <paramref name="center"/>(t) (in the clip's
    /// own time and pixels, truncated to whole pixels) is blurred, e.g. to hide a face that moves. <paramref name="intensity"/>
    /// defaults to ⌊2·radius/3⌋ as in moviepy; the blur is the Gaussian OpenCV uses for it (kernel 6·intensity made odd, σ from it).
    /// </summary>
    public Clip HeadBlur(Func<double, (double X, double Y)> center, int radius, double? intensity = null)
    {
        NullArgument.ThrowIfNull(center);
        if (radius < 1 || radius > Clips.MaxSide)
            throw new ArgumentOutOfRangeException(nameof(radius), $"HeadBlur's radius must be a whole number of pixels from 1 to {Clips.MaxSide}; got {radius}.");
        var strength = intensity ?? (int)(2.0 * radius / 3);
        if (!double.IsFinite(strength) || strength < 0 || strength > 500)
            throw new ArgumentOutOfRangeException(nameof(intensity), $"HeadBlur's intensity must be between 0 and 500; got {strength}.");
        var kernel = (int)(strength * 6);
        kernel += kernel % 2 == 0 ? 1 : 0;
        var sigma = 0.3 * ((kernel - 1) * 0.5 - 1) + 0.8;
        var disc = Disc(radius);
        return Wrap(inner =>
        {
            var spot = disc.At(t =>
            {
                var (x, y) = center(t);
                if (!double.IsFinite(x) || !double.IsFinite(y))
                    throw new ScriptComposerException($"HeadBlur's center function returned ({x}, {y}) at {t:0.###} s; it must return finite pixel coordinates.");
                return ((int)x - radius, (int)y - radius);
            });
            var where = Clips.Composite(Width, Height, [spot], "black");
            // The blurred copy is only a picture: its sound would play the clip's twice.
            var blurred = (strength > 0 ? inner.Blur(sigma) : inner).WithMask(where).WithoutAudio();
            return Clips.Composite(Width, Height, inner, blurred) with { Duration = inner.Duration };
        });
    }

    /// <summary>moviepy's <c>headblur</c> with the center's coordinates as two functions, as moviepy takes them.</summary>
    public Clip HeadBlur(Func<double, double> x, Func<double, double> y, int radius, double? intensity = null)
    {
        NullArgument.ThrowIfNull(x);
        NullArgument.ThrowIfNull(y);
        return HeadBlur(t => (x(t), y(t)), radius, intensity);
    }

    /// <summary>An opaque white disc of <paramref name="radius"/> around the center of a (2r + 1)² picture: pixels within r of it (cv2.circle's filled disc).</summary>
    private static ImageClip Disc(int radius)
    {
        var side = 2 * radius + 1;
        var pixels = new byte[side * side * 4];
        for (var y = 0; y < side; y++)
            for (var x = 0; x < side; x++)
                if ((x - radius) * (x - radius) + (y - radius) * (y - radius) <= radius * radius)
                    pixels.AsSpan((y * side + x) * 4, 4).Fill(255);
        return new ImageClip(new StillImage($"disc of radius {radius}", side, side, pixels, isFile: false));
    }

    /// <summary>
    /// moviepy's <c>lum_contrast</c>, one operation with its arithmetic: on every color channel v (0–255),
    /// v + <paramref name="lum"/> + <paramref name="contrast"/>·(v − <paramref name="contrastThreshold"/>), clamped to 0–255 once and
    /// truncated. (<see cref="Brightness(double)"/> and <see cref="Contrast(double)"/> work on 0–1 and clamp after each step.)
    /// </summary>
    public Clip LumContrast(double lum = 0, double contrast = 0, double contrastThreshold = 127) =>
        Apply(new LumContrastEffect((float)Range(lum, -255, 255, nameof(lum)), (float)Range(contrast, -100, 100, nameof(contrast)), (float)Range(contrastThreshold, 0, 255, nameof(contrastThreshold))));

    /// <summary>
    /// moviepy's <c>make_loopable</c>: the clip's last <paramref name="overlap"/> seconds cross-fade into its start, so it loops
    /// without a jump; it gets shorter by as much.
    /// </summary>
    public Clip MakeLoopable(Seconds overlap)
    {
        RequireFinite(overlap, nameof(overlap), "loop overlap");
        var duration = RequireDuration("MakeLoopable");
        if (overlap <= 0 || overlap >= duration)
            throw new ArgumentOutOfRangeException(nameof(overlap), $"MakeLoopable's overlap must be positive and shorter than {Describe()} ({duration:0.###} s); got {overlap}.");
        var seconds = overlap.Value;
        return Wrap(inner => Clips.Composite(Width, Height, inner, inner.CrossFadeIn(seconds).WithStart(duration - seconds)).Subclip(seconds, duration));
    }

    /// <summary>moviepy's <c>mask_and</c>: per channel, the darker of this picture and <paramref name="other"/>'s (a clip of the same size) at each time.</summary>
    public Clip MaskAnd(Clip other) => MinMax(other, maximum: false, "MaskAnd");

    /// <summary>moviepy's <c>mask_or</c>: per channel, the lighter of this picture and <paramref name="other"/>'s (a clip of the same size) at each time.</summary>
    public Clip MaskOr(Clip other) => MinMax(other, maximum: true, "MaskOr");

    private Clip MinMax(Clip other, bool maximum, string name)
    {
        NullArgument.ThrowIfNull(other);
        if (other.Width != Width || other.Height != Height)
            throw new ArgumentException($"{name}'s other clip {other.Describe()} is {other.Width}x{other.Height} but {Describe()} is {Width}x{Height}; both must have one size (Resize or Crop it first).", nameof(other));
        if (Duration is { } d && other.Duration is { } o && o + TimeEpsilon.Seconds < d)
            throw new ArgumentException($"{name}'s other clip {other.Describe()} lasts {o:0.###} s, less than {Describe()} ({d:0.###} s); it must last as long (Loop or FreezeLast it).", nameof(other));
        return Wrap(inner => new MinMaxClip(inner, other, maximum) { Duration = Duration });
    }

    /// <summary>moviepy's <c>painting</c>: colors scaled by <paramref name="saturation"/> and edges drawn dark by <paramref name="black"/>, as a painting.</summary>
    public Clip Painting(double saturation = 1.4, double black = 0.006) =>
        Apply(new PaintingEffect((float)Range(saturation, 0, 10, nameof(saturation)), (float)Range(black, 0, 1, nameof(black))));

    /// <summary>
    /// moviepy's <c>scroll</c>: a <paramref name="width"/>×<paramref name="height"/> window (the clip's size by default) whose top-left
    /// corner starts at (<paramref name="xStart"/>, <paramref name="yStart"/>) and moves <paramref name="xSpeed"/>, <paramref name="ySpeed"/>
    /// pixels a second, stopping at the picture's edges.
    /// </summary>
    public Clip Scroll(int? width = null, int? height = null, double xSpeed = 0, double ySpeed = 0, int xStart = 0, int yStart = 0)
    {
        var (w, h) = (width ?? Width, height ?? Height);
        if (w < 1 || h < 1 || w > Width || h > Height)
            throw new ArgumentOutOfRangeException(w < 1 || w > Width ? nameof(width) : nameof(height), $"Scroll's width and height ({w}x{h}) are its window, which must fit inside {Describe()} ({Width}x{Height}); give a smaller width: or height:, or Resize the clip first.");
        if (!double.IsFinite(xSpeed) || !double.IsFinite(ySpeed))
            throw new ArgumentOutOfRangeException(double.IsFinite(xSpeed) ? nameof(ySpeed) : nameof(xSpeed), $"Scroll's xSpeed and ySpeed must be finite pixels per second; got ({xSpeed}, {ySpeed}).");
        if (xStart < 0 || yStart < 0)
            throw new ArgumentOutOfRangeException(xStart < 0 ? nameof(xStart) : nameof(yStart), $"Scroll's xStart and yStart must be 0 or more (the window's top-left corner); got ({xStart}, {yStart}).");
        return Wrap(inner => new ScrollClip(inner, w, h, xSpeed, ySpeed, xStart, yStart) { Duration = Duration });
    }

    /// <summary>
    /// moviepy's <c>supersample</c>: motion blur, each frame the mean of <paramref name="frames"/> frames evenly spread over
    /// [t − <paramref name="spread"/>, t + <paramref name="spread"/>] (truncated, as moviepy's uint8 mean).
    /// </summary>
    public Clip Supersample(Seconds spread, int frames)
    {
        RequireFinite(spread, nameof(spread), "supersample spread");
        if (spread < 0)
            throw new ArgumentOutOfRangeException(nameof(spread), $"Supersample's spread (moviepy's d) must be 0 or more seconds; got {spread}.");
        if (frames is < 1 or > 256)
            throw new ArgumentOutOfRangeException(nameof(frames), $"Supersample averages 1 to 256 frames (moviepy's n_frames); got {frames}.");
        return Wrap(inner => new SupersampleClip(inner, spread, frames) { Duration = Duration });
    }

    /// <summary>
    /// moviepy's <c>to_ImageClip(t)</c>: the frame at <paramref name="at"/> seconds as a still without sound, lasting as long as
    /// whatever holds it shows it (as an image does).
    /// </summary>
    public Clip ToImageClip(Seconds at = default)
    {
        RequireFinite(at, nameof(at), "frame time");
        if (at < 0 || (Duration is { } d && at >= d))
            throw new ArgumentOutOfRangeException(nameof(at), $"ToImageClip at {at:0.###} s is outside {Describe()}{(Duration is { } len ? $", which lasts {len:0.###} s" : "")}.");
        var time = at.Value;
        return Wrap(inner => new TimeMappedClip(inner, new HoldMap(time)) { Duration = null });
    }

    /// <summary>moviepy's <c>time_symmetrize</c>: plays the clip forwards, then backwards (sound too); it lasts twice as long.</summary>
    public Clip TimeSymmetrize()
    {
        var duration = RequireDuration("TimeSymmetrize");
        return Wrap(inner => new TimeMappedClip(inner, new SymmetrizeMap(duration)) { Duration = 2 * duration });
    }
}
