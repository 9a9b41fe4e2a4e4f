using System.CommandLine;
using ScriptComposer.Gpu;

namespace ScriptComposer.Host.Commands;

/// <summary>The arguments and options several commands share, declared once.</summary>
internal static class CommonOptions
{
    public static Argument<string> Script()
    {
        var script = new Argument<string>("script") { Description = "The .csx script to run." };
        RefuseEmptyPath(script);
        return script;
    }

    /// <summary>Refuses an empty path ("") in one line (<paramref name="message"/>, by default the script's), instead of .NET's ArgumentException from the path functions.</summary>
    public static void RefuseEmptyPath(Argument argument, string message = Scripting.ScriptHost.EmptyScriptPath) => argument.Validators.Add(result =>
    {
        if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)))
            result.AddError(message);
    });

    public static Option<BackendKind> Backend() => new("--backend")
    {
        Description = "Where pixels are computed: auto (CUDA when available, else CPU), cpu or cuda.",
        DefaultValueFactory = _ => BackendKind.Auto,
        // By name only: the enum parser would also take a number ("--backend 7"), which names no backend.
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            foreach (var kind in Enum.GetValues<BackendKind>())
            {
                if (kind.ToString().Equals(text, StringComparison.OrdinalIgnoreCase))
                    return kind;
            }
            result.AddError($"--backend '{text}' is not a backend; choose auto, cpu or cuda.");
            return BackendKind.Auto;
        },
    };

    /// <summary>
    /// Parses a whole number for <paramref name="name"/>, refusing anything else in one line that names the option (System.CommandLine's
    /// own message names a .NET type and is followed by the whole help).
    /// </summary>
    public static int? WholeNumber(System.CommandLine.Parsing.ArgumentResult result, string name, string example)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
            return value;
        result.AddError(long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? $"{name} {text} is far more than sc can take; give a smaller number, such as {name} {example}."
            : $"{name} '{text}' is not a whole number; give one, such as {name} {example}.");
        return null;
    }

    /// <summary>
    /// Parses a number of seconds (or another decimal number) for <paramref name="name"/>, the same on every machine: '.' is the
    /// decimal point, and no group separators are taken, so <c>1,5</c> is refused with the fix instead of read as 15 (the parser
    /// System.CommandLine gives a double takes ',' as a thousands separator). NaN and Infinity parse, for the option's own range
    /// check to refuse in its words.
    /// </summary>
    public static double? Number(System.CommandLine.Parsing.ArgumentResult result, string name, string example)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        const System.Globalization.NumberStyles Style = System.Globalization.NumberStyles.Float; // sign, point, exponent; no group separators
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (double.TryParse(text, Style, invariant, out var value))
            return value;
        if (text.Contains(',', StringComparison.Ordinal))
        {
            // One comma is most likely a decimal comma (1,5); several, thousands (1,000,000).
            var meant = text.Count(c => c == ',') == 1 ? text.Replace(',', '.') : text.Replace(",", "", StringComparison.Ordinal);
            result.AddError($"{name} '{text}' has a comma, and sc takes '.' as the decimal point and no thousands separators; " +
                (double.TryParse(meant, Style, invariant, out _) ? $"write {name} {meant}." : $"give a number such as {name} {example}."));
            return null;
        }
        result.AddError($"{name} '{text}' is not a number; give one, such as {name} {example}.");
        return null;
    }

    /// <summary>
    /// Parses a time for <paramref name="name"/>: a number of seconds as <see cref="Number"/> reads it, or a clock string as the
    /// script's own times take one (<c>1:05.5</c>, <c>00:01:05.5</c>).
    /// </summary>
    public static double? Time(System.CommandLine.Parsing.ArgumentResult result, string name, string example)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (!text.Contains(':', StringComparison.Ordinal))
            return Number(result, name, example);
        if (ScriptComposer.Dsl.Seconds.TryParse(text, out var seconds))
            return seconds.Value;
        result.AddError($"{name} '{text}' is not a time; give seconds ({name} {example}), minutes and seconds ({name} 1:05.5) or hours, minutes and seconds ({name} 00:01:05.5).");
        return null;
    }

    public static Option<string[]> Set() => new("--set")
    {
        Description = "A value for the script, read as Args[\"key\"]: --set key=value (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Print stack traces and ffmpeg command lines." };
}
