using ScriptComposer.Dsl;

namespace ScriptComposer.Tests.Planning;

public class FrameRateTests
{
    [Theory]
    [InlineData(30000, 1001, 13, 1000, 434)]        // 433.7666 ms
    [InlineData(30000, 1001, 15, 1000, 501)]        // 500.5 ms: halves up, as ffmpeg rescales
    [InlineData(30000, 1001, 22, 1_000_000, 734067)]
    [InlineData(15, 1, 14, 100, 93)]                // 93.33 cs
    [InlineData(60000, 1001, 108_000_000, 1_000_000, 1_801_800_000_000)] // 500 hours at 59.94: exact where doubles are not
    public void RoundedTimeOf_rounds_a_frame_s_time_once_into_whole_units(int numerator, int denominator, long frame, long units, long expected) =>
        Assert.Equal(expected, new FrameRate(numerator, denominator).RoundedTimeOf(frame, units));

    [Theory]
    [InlineData(30, 30, 1)]
    [InlineData(29.97, 30000, 1001)]
    [InlineData(23.976, 24000, 1001)]
    [InlineData(59.94, 60000, 1001)]
    [InlineData(12.5, 25, 2)]
    public void FromDouble_reads_the_rate_users_mean(double fps, int numerator, int denominator)
    {
        var rate = FrameRate.FromDouble(fps);

        Assert.Equal((numerator, denominator), (rate.Numerator, rate.Denominator));
    }

    [Fact]
    public void Ntsc_rate_gives_exact_frame_counts_over_an_hour()
    {
        var rate = FrameRate.FromDouble(29.97);

        Assert.Equal(300, rate.FrameCount(10.01));
        Assert.Equal(107893, rate.FrameCount(3600)); // 3600 s · 30000/1001 = 107892.1 frames start before the hour ends
        // Frame times come from the index, so frame 107891 is where the rational says, not where a running sum drifts.
        Assert.Equal(107891 * 1001.0 / 30000.0, rate.TimeOf(107891), 9);
        Assert.Equal(107891, rate.FrameAt(rate.TimeOf(107891)));
    }

    [Fact]
    public void FrameAt_is_robust_to_decimal_times()
    {
        var rate = new FrameRate(30);

        Assert.Equal(9, rate.FrameAt(0.1 + 0.2));
        Assert.Equal(3, rate.FrameCount(0.1));
        Assert.Equal(150, rate.FrameCount(5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    [InlineData(double.NaN)]
    [InlineData(5000)]
    public void Impossible_rates_are_refused(double fps)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FrameRate.FromDouble(fps));

        Assert.Contains("frame rate", error.Message);
    }

    [Theory]
    [InlineData(0.001, 1, 1000)]
    [InlineData(0.002, 1, 500)]
    [InlineData(0.5, 1, 2)]
    public void The_lowest_rates_are_fractions_not_errors(double fps, int numerator, int denominator)
    {
        Assert.Equal(new FrameRate(numerator, denominator), FrameRate.FromDouble(fps));
    }

    [Theory]
    [InlineData(0.0009)]
    [InlineData(0.0001)]
    [InlineData(double.PositiveInfinity)]
    public void A_rate_below_the_lowest_names_the_range_and_the_value(double fps)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FrameRate.FromDouble(fps));

        Assert.Contains("from 0.001 to 1000 frames per second", error.Message, StringComparison.Ordinal);
        Assert.Contains($"got {fps}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_for_ffmpeg()
    {
        Assert.Equal("30", new FrameRate(30).ToString());
        Assert.Equal("30000/1001", FrameRate.FromDouble(29.97).ToString());
    }

    [Theory]
    [InlineData(1.23, 3, 1.2)]      // between frames 30 and 31: the frame that shows it
    [InlineData(1.16, 3, 1.16)]     // 1.16 * 25 is 28.999999999999996: still the frame the decimal names
    [InlineData(2.999, 3, 2.96)]    // inside the last frame
    [InlineData(7, 3, 2.96)]        // past the end: the last frame
    [InlineData(-1, 3, 0)]
    public void Snap_is_the_frame_a_video_shows_at_a_time(double time, double duration, double expected) =>
        Assert.Equal(expected, new FrameRate(25).Snap(time, duration), 12);
}
