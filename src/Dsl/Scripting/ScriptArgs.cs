using System.Collections;
using System.Globalization;

namespace ScriptComposer.Dsl.Scripting;

/// <summary>
/// The <c>--set key=value</c> pairs of the command line (or a <c>--batch</c> table's cells), as a script reads them: <c>Args["title"]</c>.
/// <paramref name="origins"/> says where a value came from when not from <c>--set</c> ("column 'dur' of row 2 (line 3 of rows.csv)"),
/// so a value the script cannot use is named where it was written.
/// </summary>
public sealed class ScriptArgs(IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? origins = null) : IReadOnlyDictionary<string, string>
{
    public static ScriptArgs Empty { get; } = new(new Dictionary<string, string>());

    public string this[string key] => values.TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"The script reads Args[\"{key}\"], but no value was given. Pass --set {key}=VALUE, or use Args.Get(\"{key}\", fallback).");

    /// <summary>The value of <paramref name="key"/>, or <paramref name="fallback"/> when it was not given.</summary>
    public string Get(string key, string fallback) => values.TryGetValue(key, out var value) ? value : fallback;

    /// <summary>The value of <paramref name="key"/> as a number, or <paramref name="fallback"/> when it was not given.</summary>
    public double Get(string key, double fallback)
    {
        if (!values.TryGetValue(key, out var value)) return fallback;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return number;
        if (origins?.GetValueOrDefault(key) is { } origin)
            throw new FormatException(
                $"{origin} {(value.Length == 0 ? "is empty" : $"holds '{value}'")}, but the script expects a number for '{key}'. Write a number there, such as {(double.IsFinite(fallback) ? fallback : 1).ToString(CultureInfo.InvariantCulture)}.");
        throw new FormatException($"--set {key}={value}: the script expects a number for '{key}'.");
    }

    public IEnumerable<string> Keys => values.Keys;

    public IEnumerable<string> Values => values.Values;

    public int Count => values.Count;

    public bool ContainsKey(string key) => values.ContainsKey(key);

    public bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
