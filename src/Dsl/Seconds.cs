using System.Globalization;

namespace ScriptComposer.Dsl;

/// <summary>
/// A time or a length, wherever the DSL takes one: a number of seconds (<c>65.5</c>) or a clock string as moviepy
/// accepts it (<c>"1:05.5"</c> for minutes and seconds, <c>"00:01:05.5"</c> for hours, minutes and seconds).
/// Converts implicitly from both, so <c>Subclip(2, 4.5)</c> and <c>Subclip("0:02", "0:04.5")</c> mean the same.
/// </summary>
public readonly record struct Seconds(double Value)
{
    public static implicit operator Seconds(double value) => new(value);

    public static implicit operator Seconds(string text) => Parse(text);

    public static implicit operator double(Seconds seconds) => seconds.Value;

    /// <summary>Reads <c>"65.5"</c>, <c>"1:05.5"</c> or <c>"00:01:05.5"</c> (a leading '-' counts back, as a negative number does).</summary>
    public static Seconds Parse(string text)
    {
        NullArgument.ThrowIfNull(text);
        if (TryParse(text) is { } value)
            return new Seconds(value);
        throw new ArgumentException(
            $"'{text}' is not a time. Write seconds (65.5), minutes and seconds (\"1:05.5\") or hours, minutes and seconds (\"00:01:05.5\").", nameof(text));
    }

    /// <summary>Reads <paramref name="text"/> as <see cref="Parse"/> does; false when it is not a time.</summary>
    public static bool TryParse(string text, out Seconds seconds)
    {
        var value = text is null ? null : TryParse(text);
        seconds = new Seconds(value ?? 0);
        return value is not null;
    }

    private static double? TryParse(string text)
    {
        var trimmed = text.Trim();
        var negative = trimmed.StartsWith('-');
        var parts = (negative ? trimmed[1..] : trimmed).Split(':');
        if (parts.Length > 3)
            return null;
        double total = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            // Only the seconds may have a fraction; minutes and seconds after an hour or minute field stay below 60.
            var style = last ? NumberStyles.AllowDecimalPoint : NumberStyles.None;
            if (parts[i].Length == 0 || !double.TryParse(parts[i], style, CultureInfo.InvariantCulture, out var value))
                return null;
            if (i > 0 && value >= 60)
                return null;
            total = total * 60 + value;
        }
        return negative ? -total : total;
    }

    public override string ToString() => Value.ToString("0.######", CultureInfo.InvariantCulture);
}
