using System.Globalization;

namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// Which loudspeaker each channel of a sound feeds, in ffmpeg's names and order: <see cref="Name"/> is what ffmpeg calls
/// the layout ("mono", "stereo", "5.1(side)", or "FL+FR+LFE" for one without a name) and <see cref="Speakers"/> the
/// channels in the order raw samples interleave them (FL, FR, FC, LFE, BL, BR, ...).
/// </summary>
public sealed record ChannelLayout(string Name, IReadOnlyList<string> Speakers)
{
    /// <summary>ffmpeg's speakers in the order of its channel mask: raw audio interleaves a layout's channels in this order.</summary>
    private static readonly string[] SpeakerOrder =
        ["FL", "FR", "FC", "LFE", "BL", "BR", "FLC", "FRC", "BC", "SL", "SR", "TC", "TFL", "TFC", "TFR", "TBL", "TBC", "TBR", "DL", "DR", "WL", "WR", "SDL", "SDR", "LFE2", "TSL", "TSR", "BFC", "BFL", "BFR"];

    /// <summary>ffmpeg 5.1's named layouts; for a channel count, the first one listed is the default (what ffmpeg assumes for that many channels).</summary>
    private static readonly (string Name, string Speakers)[] Named =
    [
        ("mono", "FC"), ("stereo", "FL FR"), ("2.1", "FL FR LFE"), ("3.0", "FL FR FC"), ("3.0(back)", "FL FR BC"),
        ("4.0", "FL FR FC BC"), ("quad", "FL FR BL BR"), ("quad(side)", "FL FR SL SR"), ("3.1", "FL FR FC LFE"),
        ("5.0", "FL FR FC BL BR"), ("5.0(side)", "FL FR FC SL SR"), ("4.1", "FL FR FC LFE BC"), ("5.1", "FL FR FC LFE BL BR"),
        ("5.1(side)", "FL FR FC LFE SL SR"), ("6.0", "FL FR FC BC SL SR"), ("6.0(front)", "FL FR FLC FRC SL SR"),
        ("hexagonal", "FL FR FC BL BR BC"), ("6.1", "FL FR FC LFE BC SL SR"), ("6.1(back)", "FL FR FC LFE BL BR BC"),
        ("6.1(front)", "FL FR LFE FLC FRC SL SR"), ("7.0", "FL FR FC BL BR SL SR"), ("7.0(front)", "FL FR FC FLC FRC SL SR"),
        ("7.1", "FL FR FC LFE BL BR SL SR"), ("7.1(wide)", "FL FR FC LFE BL BR FLC FRC"), ("7.1(wide-side)", "FL FR FC LFE FLC FRC SL SR"),
        ("octagonal", "FL FR FC BL BR BC SL SR"), ("downmix", "DL DR"),
    ];

    public static ChannelLayout Mono { get; } = Parse("mono", 1);

    public static ChannelLayout Stereo { get; } = Parse("stereo", 2);

    public int Count => Speakers.Count;

    /// <summary>
    /// The layout ffmpeg reports as <paramref name="name"/> for a stream of <paramref name="channels"/> channels; a name it
    /// could not give (empty, "unknown", or one that does not fit the count) means ffmpeg's default layout for that count.
    /// </summary>
    public static ChannelLayout Parse(string? name, int channels)
    {
        if (channels < 1)
            throw new ArgumentOutOfRangeException(nameof(channels), $"A sound has at least one channel; got {channels}.");
        var known = name is null ? null : Find(name.Trim());
        return known is not null && known.Count == channels ? known : Default(channels);
    }

    /// <summary>ffmpeg's layout for <paramref name="channels"/> channels (mono, stereo, 2.1, 4.0, 5.0, 5.1, 6.1, 7.1), or "Nc" past eight.</summary>
    public static ChannelLayout Default(int channels)
    {
        if (channels < 1)
            throw new ArgumentOutOfRangeException(nameof(channels), $"A sound has at least one channel; got {channels}.");
        foreach (var (name, speakers) in Named)
            if (speakers.Split(' ').Length == channels && name != "downmix")
                return new ChannelLayout(name, speakers.Split(' '));
        // More channels than any named layout: ffmpeg's "unspecified order" layout, mapped only onto itself.
        return new ChannelLayout(string.Create(CultureInfo.InvariantCulture, $"{channels}c"),
            Enumerable.Range(0, channels).Select(i => string.Create(CultureInfo.InvariantCulture, $"U{i}")).ToArray());
    }

    /// <summary>The layout ffmpeg calls <paramref name="name"/> ("5.1", "FL+FR+LFE", "2 channels (FC+LFE)"), or null when it is none it knows.</summary>
    public static ChannelLayout? Find(string name)
    {
        foreach (var (known, speakers) in Named)
            if (known == name)
                return new ChannelLayout(known, speakers.Split(' '));
        // ffmpeg writes a layout without a name as "FL+FR+LFE", or "3 channels (FL+FR+LFE)".
        var open = name.IndexOf('(', StringComparison.Ordinal);
        var list = open >= 0 && name.EndsWith(')') ? name[(open + 1)..^1] : name;
        var parts = list.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Any(p => Array.IndexOf(SpeakerOrder, p) < 0) || parts.Distinct().Count() != parts.Length)
            return null;
        var ordered = parts.OrderBy(p => Array.IndexOf(SpeakerOrder, p)).ToArray();
        foreach (var (known, speakers) in Named)
            if (speakers == string.Join(' ', ordered))
                return new ChannelLayout(known, ordered);
        return new ChannelLayout(string.Join('+', ordered), ordered);
    }

    public int IndexOf(string speaker)
    {
        for (var i = 0; i < Speakers.Count; i++)
            if (Speakers[i] == speaker)
                return i;
        return -1;
    }

    public bool Has(string speaker) => IndexOf(speaker) >= 0;

    public bool Equals(ChannelLayout? other) => other is not null && Name == other.Name;

    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Name;
}
