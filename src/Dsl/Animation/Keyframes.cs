namespace ScriptComposer.Dsl.Animation;

/// <summary>
/// A number that moves through keys over time: <c>new Keyframes((0, 0.0), (1.5, 1.0), ease: Ease.EaseInOut)</c>.
/// Before the first key it holds the first value, after the last the last. It converts to <c>Func&lt;double, double&gt;</c>,
/// so it goes wherever a <c>t => value</c> does.
/// </summary>
public sealed class Keyframes
{
    private readonly (double Time, double Value)[] _keys;
    private readonly Func<double, double>? _easing;

    public Keyframes(params (double Time, double Value)[] keys) : this(keys, Ease.Linear)
    {
    }

    public Keyframes(IEnumerable<(double Time, double Value)> keys, Ease ease)
        : this((keys ?? throw NullKeys()).ToArray(), ease == Ease.Step ? null : Easing.Of(ease))
    {
        EaseKind = ease;
    }

    /// <summary>Keys with an easing curve between each pair, such as <c>Easing.CubicBezier(0.25, 0.1, 0.25, 1)</c>.</summary>
    public Keyframes(IEnumerable<(double Time, double Value)> keys, Func<double, double> easing)
        : this((keys ?? throw NullKeys()).ToArray(), easing ?? throw new ArgumentNullException(nameof(easing), NullArgument.Message(nameof(Keyframes), nameof(easing), "an easing curve, such as Easing.CubicBezier(0.25, 0.1, 0.25, 1)")))
    {
    }

    private static ArgumentNullException NullKeys() =>
        new("keys", NullArgument.Message(nameof(Keyframes), "keys", "(time, value) pairs, such as new Keyframes((0, 0.0), (1.5, 1.0))"));

    private Keyframes((double Time, double Value)[] keys, Func<double, double>? easing)
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
        _easing = easing;
    }

    /// <summary>Keys with an ease, as in <c>Keyframes.Of(Ease.EaseInOut, (0, 0.0), (1, 1.0))</c>.</summary>
    public static Keyframes Of(Ease ease, params (double Time, double Value)[] keys) => new(keys, ease);

    /// <summary>Keys with an easing curve, as in <c>Keyframes.Of(Easing.CubicBezier(0.4, 0, 0.2, 1), (0, 0.0), (1, 1.0))</c>.</summary>
    public static Keyframes Of(Func<double, double> easing, params (double Time, double Value)[] keys) => new(keys, easing);

    /// <summary>The preset ease; <see cref="Ease.Linear"/> for keys made with a curve of their own.</summary>
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
        return _easing is null ? v0 : v0 + (v1 - v0) * _easing(u);
    }

    public static implicit operator Func<double, double>(Keyframes keyframes) => keyframes.Evaluate;
}
