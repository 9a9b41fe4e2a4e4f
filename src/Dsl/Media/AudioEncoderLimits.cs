using System.Globalization;
using System.Text.RegularExpressions;

namespace ScriptComposer.Dsl.Media;

/// <summary>The sample rates and channel layouts an audio encoder takes; an empty list means it takes any.</summary>
public sealed partial record AudioEncoderLimits(IReadOnlyList<int> SampleRates, IReadOnlyList<string> ChannelLayouts)
{
    /// <summary>Reads the "Supported sample rates:" and "Supported channel layouts:" lines of <c>ffmpeg -h encoder=NAME</c>.</summary>
    public static AudioEncoderLimits Parse(string help)
    {
        var rates = new List<int>();
        var layouts = new List<string>();
        foreach (var raw in help.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Supported sample rates:", StringComparison.Ordinal))
                rates.AddRange(line["Supported sample rates:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(r => int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0).Where(v => v > 0));
            else if (line.StartsWith("Supported channel layouts:", StringComparison.Ordinal))
                // Unnamed layouts read "2 channels (FC+LFE)"; the named ones hold no spaces.
                layouts.AddRange(Unnamed().Replace(line["Supported channel layouts:".Length..], " ").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        return new AudioEncoderLimits(rates, layouts);
    }

    [GeneratedRegex(@"\d+ channels \([^)]*\)")]
    private static partial Regex Unnamed();

    public bool Takes(int sampleRate) => SampleRates.Count == 0 || SampleRates.Contains(sampleRate);

    public bool Takes(string layout) => ChannelLayouts.Count == 0 || ChannelLayouts.Contains(layout);
}
