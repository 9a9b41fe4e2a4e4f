namespace ScriptComposer.Dsl;

/// <summary>
/// A rational frame rate. Frame <c>i</c> is shown at exactly <c>i · Denominator / Numerator</c> seconds, computed
/// from the index every time (never accumulated), so a long render neither drops nor doubles a frame.
/// </summary>
public readonly record struct FrameRate
{
    public FrameRate(int numerator, int denominator = 1)
    {
        if (numerator <= 0 || denominator <= 0)
            throw new ArgumentOutOfRangeException(nameof(numerator), $"A frame rate must be positive; got {numerator}/{denominator}.");
        var gcd = Gcd(numerator, denominator);
        Numerator = numerator / gcd;
        Denominator = denominator / gcd;
    }

    /// <summary>The lowest rate <see cref="FromDouble"/> takes: one frame every 1000 s (a fraction with a denominator up to 1001 holds it).</summary>
    public const double Lowest = 0.001;

    public int Numerator { get; }
    public int Denominator { get; }

    public double Value => (double)Numerator / Denominator;

    /// <summary>
    /// The rate a user means by a decimal: 29.97 is 30000/1001 (as are 23.976 and 59.94 for theirs), a whole number
    /// is itself, anything else the nearest fraction with a denominator up to 1001.
    /// </summary>
    public static FrameRate FromDouble(double fps)
    {
        if (!(fps >= Lowest && fps <= 1000))
            throw new ArgumentOutOfRangeException(nameof(fps), $"The frame rate must be from {Lowest} to 1000 frames per second; got {fps}.");
        if (Math.Abs(fps - Math.Round(fps)) < 1e-9)
            return new FrameRate((int)Math.Round(fps));
        var ntsc = Math.Round(fps * 1.001);
        if (ntsc >= 1 && Math.Abs(ntsc / 1.001 - fps) < 0.0051 && Math.Abs(ntsc - Math.Round(ntsc)) < 1e-9)
            return new FrameRate((int)ntsc * 1000, 1001);
        var best = new FrameRate((int)Math.Max(1, Math.Round(fps)));
        var bestError = Math.Abs(best.Value - fps);
        for (var den = 2; den <= 1001 && bestError > 1e-9; den++)
        {
            var num = (int)Math.Round(fps * den);
            if (num <= 0) continue;
            var error = Math.Abs((double)num / den - fps);
            if (error < bestError)
            {
                best = new FrameRate(num, den);
                bestError = error;
            }
        }
        return best;
    }

    /// <summary>The time of frame <paramref name="index"/> in seconds.</summary>
    public double TimeOf(long index) => (double)index * Denominator / Numerator;

    /// <summary>
    /// The time of frame <paramref name="index"/> (0 or later) in whole units of 1/<paramref name="unitsPerSecond"/> s,
    /// rounded to the nearest (halves up) exactly, as ffmpeg rescales a frame's time into a container's time base.
    /// </summary>
    public long RoundedTimeOf(long index, long unitsPerSecond) =>
        (long)(((Int128)index * Denominator * unitsPerSecond * 2 + Numerator) / (2 * (Int128)Numerator));

    /// <summary>The frame shown at <paramref name="seconds"/>: the last one starting at or before it.</summary>
    public long FrameAt(double seconds) => (long)Math.Floor(seconds * Numerator / Denominator + TimeEpsilon.Frames);

    /// <summary>How many frames start within <c>[0, seconds)</c>.</summary>
    public long FrameCount(double seconds) => Math.Max(0, (long)Math.Ceiling(seconds * Numerator / Denominator - TimeEpsilon.Frames));

    /// <summary>
    /// The time of the frame that a video of <paramref name="duration"/> seconds at this rate shows at <paramref name="seconds"/>:
    /// the last one starting at or before it (<see cref="FrameAt"/>, so a time written in decimals, such as 1.16 at 25 fps, is the
    /// frame it names even where its double falls a hair short), kept between the first frame and the last.
    /// </summary>
    public double Snap(double seconds, double duration) =>
        TimeOf(Math.Clamp(FrameAt(Math.Max(0, seconds)), 0, Math.Max(0, FrameCount(duration) - 1)));

    /// <summary>The form ffmpeg reads: "30" or "30000/1001".</summary>
    public override string ToString() => Denominator == 1 ? Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Numerator}/{Denominator}";

    private static int Gcd(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
