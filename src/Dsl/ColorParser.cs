using System.Globalization;
using System.Reflection;
using ScriptComposer.Gpu;
using SkiaSharp;

namespace ScriptComposer.Dsl;

/// <summary>Reads the colors users write: "#rgb", "#rrggbb", "#rrggbbaa", CSS names ("white", "orange"), "transparent".</summary>
public static class ColorParser
{
    private static readonly Lazy<Dictionary<string, Rgba>> Named = new(() =>
        typeof(SKColors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(SKColor))
            .ToDictionary(f => f.Name.ToLowerInvariant(), f => ToRgba((SKColor)f.GetValue(null)!)));

    public static Rgba Parse(string text, string parameterName = "color")
    {
        if (TryParse(text, out var color))
            return color;
        throw new ArgumentException(
            $"'{text}' is not a color. Write a name such as \"white\" or \"orange\", or hex as \"#ff8800\" (\"#ff880080\" with alpha).",
            parameterName);
    }

    public static bool TryParse(string? text, out Rgba color)
    {
        color = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Trim();
        if (s.StartsWith('#'))
        {
            var hex = s[1..];
            if (!uint.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
                return false;
            switch (hex.Length)
            {
                case 3:
                    color = new Rgba((byte)((v >> 8 & 0xf) * 17), (byte)((v >> 4 & 0xf) * 17), (byte)((v & 0xf) * 17));
                    return true;
                case 6:
                    color = new Rgba((byte)(v >> 16), (byte)(v >> 8), (byte)v);
                    return true;
                case 8:
                    color = new Rgba((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
                    return true;
                default:
                    return false;
            }
        }
        return Named.Value.TryGetValue(s.ToLowerInvariant(), out color);
    }

    private static Rgba ToRgba(SKColor c) => new(c.Red, c.Green, c.Blue, c.Alpha);
}
