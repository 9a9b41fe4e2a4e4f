using ScriptComposer.Dsl.Animation;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

/// <summary>Easing curves, Remotion's spring and interpolate: values from their definitions, and their argument errors.</summary>
public class AnimationCurveTests
{
    [Theory]
    [InlineData(0.5, 0.8024033877399112)] // CSS "ease" at half time, as browsers compute it
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 1.0)]
    public void CubicBezier_is_css_ease(double u, double expected)
    {
        var ease = Easing.CubicBezier(0.25, 0.1, 0.25, 1);
        Assert.Equal(expected, ease(u), 4);
    }

    [Fact]
    public void CubicBezier_on_the_diagonal_is_linear_and_holds_its_ends_outside()
    {
        var linear = Easing.CubicBezier(1.0 / 3, 1.0 / 3, 2.0 / 3, 2.0 / 3);
        foreach (var u in new[] { 0.1, 0.37, 0.5, 0.93 })
            Assert.Equal(u, linear(u), 6);
        Assert.Equal(0, linear(-1));
        Assert.Equal(1, linear(2));
    }

    [Fact]
    public void CubicBezier_may_overshoot_in_y()
    {
        var back = Easing.CubicBezier(0.34, 1.56, 0.64, 1);
        Assert.True(Enumerable.Range(1, 99).Any(i => back(i / 100.0) > 1), "a y above 1 overshoots");
    }

    [Theory]
    [InlineData(-0.1, 0, 1, 1, "x1")]
    [InlineData(0, 0, 1.5, 1, "x2")]
    [InlineData(double.NaN, 0, 1, 1, "x1")]
    public void CubicBezier_refuses_times_outside_0_to_1(double x1, double y1, double x2, double y2, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Easing.CubicBezier(x1, y1, x2, y2));
        Assert.Equal(name, error.ParamName);
        Assert.Contains("CubicBezier", error.Message);
    }

    [Fact]
    public void Keyframes_take_a_bezier_curve()
    {
        var keys = Keyframes.Of(Easing.CubicBezier(0.25, 0.1, 0.25, 1), (0, 10.0), (2, 20.0));
        Assert.Equal(10 + 10 * 0.8024033877399112, keys[1], 4);
        Assert.Equal(20, keys[5]);
    }

    /// <summary>The spring's exact motion (mass 1, stiffness 100, damping 10: ζ = 0.5): stepping the exact solution frame by frame, as Remotion does, is the same curve.</summary>
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.35)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void Spring_follows_the_damped_oscillator(double t)
    {
        double zeta = 0.5, omega0 = 10, omega1 = omega0 * Math.Sqrt(1 - zeta * zeta);
        var exact = 1 - Math.Exp(-zeta * omega0 * t) * (Math.Cos(omega1 * t) + zeta * omega0 / omega1 * Math.Sin(omega1 * t));
        Assert.Equal(exact, Spring(t), 9);
    }

    [Fact]
    public void Spring_starts_at_from_overshoots_and_settles_at_to()
    {
        Assert.Equal(0, Spring(0));
        Assert.Equal(0, Spring(-1));
        Assert.True(Enumerable.Range(0, 60).Any(f => Spring(f / 30.0) > 1.05), "Remotion's default spring overshoots");
        Assert.Equal(1, Spring(5), 3);
        Assert.Equal(100, Spring(5, from: 50, to: 100), 2);
        Assert.All(Enumerable.Range(0, 60), f => Assert.True(Spring(f / 30.0, overshootClamping: true) <= 1));
    }

    [Fact]
    public void Spring_with_a_duration_settles_by_then()
    {
        Assert.True(Math.Abs(Spring(0.5) - 1) > 0.01, "the default spring has not settled at 0.5 s");
        Assert.InRange(Spring(0.5, duration: 0.5), 0.99, 1.01);
        Assert.Equal(1, Spring(1, stiffness: 200, damping: 100), 1);
    }

    [Fact]
    public void Spring_at_a_rate_slower_than_Remotions_step_limit_is_stepped_frame_by_frame()
    {
        // At 10 fps each 100 ms frame advances 64 ms: the motion runs slower than the continuous curve, as in Remotion.
        Assert.True(Spring(0.3, fps: 10) < Spring(0.3, fps: 30), "64 ms steps lag the 30 fps curve while it rises");
        Assert.Equal(Spring(0.2, fps: 30), Spring(0.2, fps: 60), 9);
    }

    [Fact]
    public void Spring_that_never_settles_cannot_be_stretched_to_a_duration()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Spring(1, damping: 0.0001, duration: 2));
        Assert.Equal("damping", error.ParamName);
        Assert.Contains("does not settle", error.Message);
    }

    [Theory]
    [InlineData("mass", 0, 100, 10)]
    [InlineData("stiffness", 1, -5, 10)]
    [InlineData("damping", 1, 100, 0)]
    public void Spring_refuses_physics_that_do_not_settle(string name, double mass, double stiffness, double damping)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Spring(1, mass, stiffness, damping));
        Assert.Equal(name, error.ParamName);
        Assert.Contains("Remotion's defaults", error.Message);
    }

    [Fact]
    public void Interpolate_maps_piece_by_piece()
    {
        double[] input = [0, 1, 4, 5], output = [0, 1, 1, 0];
        Assert.Equal(0.5, Interpolate(0.5, input, output));
        Assert.Equal(1, Interpolate(2.5, input, output));
        Assert.Equal(0.25, Interpolate(4.75, input, output));
    }

    [Fact]
    public void Interpolate_extends_clamps_or_passes_time_through_outside_the_range()
    {
        double[] input = [1, 2], output = [10, 20];
        Assert.Equal(30, Interpolate(3, input, output));
        Assert.Equal(0, Interpolate(0, input, output));
        Assert.Equal(20, Interpolate(3, input, output, extrapolate: "clamp"));
        Assert.Equal(10, Interpolate(0, input, output, extrapolate: "clamp"));
        Assert.Equal(10, Interpolate(0, input, output, extrapolateLeft: "clamp"));
        Assert.Equal(30, Interpolate(3, input, output, extrapolateLeft: "clamp"));
        Assert.Equal(3, Interpolate(3, input, output, extrapolateRight: "identity"));
    }

    [Fact]
    public void Interpolate_eases_each_piece()
    {
        Assert.Equal(10 + 10 * 0.125, Interpolate(1.5, [1, 2], [10, 20], Easing.In), 9);
    }

    [Fact]
    public void Interpolate_names_what_is_wrong()
    {
        Assert.Contains("same length", Assert.Throws<ArgumentException>(() => Interpolate(0, [0, 1], [0, 1, 2])).Message);
        Assert.Contains("must increase", Assert.Throws<ArgumentException>(() => Interpolate(0, [0, 2, 1], [0, 1, 2])).Message);
        var error = Assert.Throws<ArgumentException>(() => Interpolate(0, [0, 1], [0, 1], extrapolateRight: "wrap"));
        Assert.Equal("extrapolateRight", error.ParamName);
        Assert.Contains("\"clamp\"", error.Message);
    }
}
