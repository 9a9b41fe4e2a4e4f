namespace ScriptComposer.Dsl.Animation;

/// <summary>
/// A number that moves through keys over time: <c>new Keyframes((0, 0.0), (1.5, 1.0), ease: Ease.EaseInOut)</c>.
/// Before the first key it holds the first value, after the last the last. It converts to <c>Func&lt;double, double&gt;</c>,
/// so it goes wherever a <c>t => value</c> does.
/// </summary>
public sealed class Keyframes
{
    private readonly (double Time, double Value)[] _keys;

    public Keyframes(params (double Time, double Value)[] keys) : this(keys, Ease.Linear)
    {
    }

    public Keyframes(IEnumerable<(double Time, double Value)> keys, Ease ease)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys.ToArray();
        if (_keys.Length == 0)
            throw new ArgumentException("Keyframes needs at least one (time, value) key.", nameof(keys));
        for (var i = 0; i < _keys.Length; i++)
        {
            if (!double.IsFinite(_keys[i].Time) || !double.IsFinite(_keys[i].Value))
                throw new ArgumentException($"Key {i + 1} of Keyframes is ({_keys[i].Time}, {_keys[i].Value}); times and values must be finite numbers.", nameof(keys));
            if (i > 0 && _keys[i].Time <= _keys[i - 1].Time)
                throw new ArgumentException($"Keyframes times must increase: key {i + 1} at {_keys[i].Time} s does not come after key {i} at {_keys[i - 1].Time} s.", nameof(keys));
        }
        EaseKind = ease;
    }

    /// <summary>Keys with an ease, as in <c>Keyframes.Of(Ease.EaseInOut, (0, 0.0), (1, 1.0))</c>.</summary>
    public static Keyframes Of(Ease ease, params (double Time, double Value)[] keys) => new(keys, ease);

    public Ease EaseKind { get; }

    public double this[double time] => Evaluate(time);

    public double Evaluate(double time)
    {
        if (time <= _keys[0].Time) return _keys[0].Value;
        if (time >= _keys[^1].Time) return _keys[^1].Value;
        var next = 1;
        while (_keys[next].Time <= time) next++;
        var (t0, v0) = _keys[next - 1];
        var (t1, v1) = _keys[next];
        var u = (time - t0) / (t1 - t0);
        return v0 + (v1 - v0) * Shape(u);
    }

    public static implicit operator Func<double, double>(Keyframes keyframes) => keyframes.Evaluate;

    private double Shape(double u) => EaseKind switch
    {
        Ease.Linear => u,
        Ease.EaseIn => u * u * u,
        Ease.EaseOut => 1 - Math.Pow(1 - u, 3),
        Ease.EaseInOut => u < 0.5 ? 4 * u * u * u : 1 - Math.Pow(-2 * u + 2, 3) / 2,
        Ease.Step => 0,
        _ => u,
    };
}
