namespace ScriptComposer.Dsl.Animation;

/// <summary>
/// Remotion's spring (<c>spring-utils.ts</c>, <c>measure-spring.ts</c>): a damped spring from 0 toward 1, advanced frame by frame with
/// the exact solution of its equation over each step (under- or critically damped by the damping ratio), each step at most 64 ms.
/// </summary>
internal static class SpringPhysics
{
    /// <summary>The spring's position at <paramref name="frame"/> (frames at <paramref name="fps"/>; a fraction is one more step).</summary>
    public static double Progress(double frame, double fps, double mass, double stiffness, double damping)
    {
        var clamped = Math.Max(0, frame);
        // Each step is the exact solution over its time, so steps compose into one: at any rate whose frames are within
        // Remotion's 64 ms step limit, one step to the moment is the stepped curve, at a cost that does not grow with time.
        if (1000 / fps <= MaxStepMilliseconds)
            return Advance(0, 0, 0, clamped / fps * 1000, mass, stiffness, damping, limitStep: false).Current;
        var (current, velocity, last) = (0.0, 0.0, 0.0);
        for (var f = 0; f <= Math.Floor(clamped); f++)
            (current, velocity, last) = Advance(current, velocity, last, f / fps * 1000, mass, stiffness, damping);
        if (clamped % 1 > 0)
            (current, _, _) = Advance(current, velocity, last, clamped / fps * 1000, mass, stiffness, damping);
        return current;
    }

    /// <summary>The first frame after which the spring stays within 0.005 of its target for 20 frames (Remotion's measureSpring).</summary>
    public static double SettleFrame(double fps, double mass, double stiffness, double damping)
    {
        const double threshold = 0.005;
        // Stepped once per frame (Progress from scratch at every frame would be quadratic in a slow spring's settling time).
        var (current, velocity, last) = (0.0, 0.0, 0.0);
        var frame = 0;
        double Difference() => Math.Abs(current - 1);
        void Step()
        {
            if (++frame > MaxFrames)
                throw new ArgumentOutOfRangeException(nameof(damping),
                    $"A spring with mass {mass}, stiffness {stiffness} and damping {damping} does not settle within {MaxFrames} frames, so it cannot be stretched to a duration; raise its damping.");
            (current, velocity, last) = Advance(current, velocity, last, frame / fps * 1000, mass, stiffness, damping);
        }
        while (Difference() >= threshold)
            Step();
        var finished = frame;
        for (var i = 0; i < 20; i++)
        {
            Step();
            if (Difference() >= threshold)
            {
                i = 0;
                finished = frame + 1;
            }
        }
        return finished;
    }

    private const double MaxStepMilliseconds = 64;

    /// <summary>An hour at 30 fps: past it a spring is not going to settle in a video.</summary>
    private const int MaxFrames = 108_000;

    private static (double Current, double Velocity, double Last) Advance(double current, double velocity, double last, double now,
        double mass, double stiffness, double damping, bool limitStep = true)
    {
        var deltaTime = limitStep ? Math.Min(now - last, MaxStepMilliseconds) : now - last;
        var v0 = -velocity;
        var x0 = 1 - current;
        var zeta = damping / (2 * Math.Sqrt(stiffness * mass));
        var omega0 = Math.Sqrt(stiffness / mass);
        var omega1 = omega0 * Math.Sqrt(1 - zeta * zeta);
        var t = deltaTime / 1000;
        if (zeta < 1)
        {
            var sin1 = Math.Sin(omega1 * t);
            var cos1 = Math.Cos(omega1 * t);
            var envelope = Math.Exp(-zeta * omega0 * t);
            var frag = envelope * (sin1 * ((v0 + zeta * omega0 * x0) / omega1) + x0 * cos1);
            var speed = zeta * omega0 * frag - envelope * (cos1 * (v0 + zeta * omega0 * x0) - omega1 * x0 * sin1);
            return (1 - frag, speed, now);
        }
        var critical = Math.Exp(-omega0 * t);
        return (1 - critical * (x0 + (v0 + omega0 * x0) * t), critical * (v0 * (t * omega0 - 1) + t * x0 * omega0 * omega0), now);
    }
}
