namespace ScriptComposer.Dsl.Audio;

/// <summary>
/// How much of each channel of one layout goes into each channel of another. A speaker both have is copied at full
/// level; a mono source plays at full level on the centre, or on both front speakers where there is no centre (so it
/// sounds as loud as it is); other missing speakers fold down with ITU-R BS.775's coefficients (centre and surrounds at
/// −3 dB into the front pair, LFE left out, as ffmpeg does), and a mono output is the mean of that stereo fold-down.
/// Upmixing places channels by name and leaves the new speakers silent. Nothing is renormalised: a mix is a plain sum.
/// </summary>
public static class ChannelMatrix
{
    private static readonly double Half = Math.Sqrt(0.5);

    /// <summary>Coefficients [output channel, input channel].</summary>
    public static double[,] Between(ChannelLayout from, ChannelLayout to)
    {
        var matrix = new double[to.Count, from.Count];
        if (from == to)
        {
            for (var i = 0; i < from.Count; i++) matrix[i, i] = 1;
            return matrix;
        }
        if (from.Count == 1 && from.Speakers[0] == "FC")
        {
            if (to.Has("FC")) matrix[to.IndexOf("FC"), 0] = 1;
            else if (to.Has("FL") && to.Has("FR")) { matrix[to.IndexOf("FL"), 0] = 1; matrix[to.IndexOf("FR"), 0] = 1; }
            else for (var o = 0; o < to.Count; o++) matrix[o, 0] = 1;
            return matrix;
        }
        if (to.Count == 1 && to.Speakers[0] == "FC")
        {
            var stereo = Between(from, ChannelLayout.Stereo);
            for (var i = 0; i < from.Count; i++) matrix[0, i] = from.Speakers[i] == "FC" && !from.Has("FL") && !from.Has("FR") ? 1 : 0.5 * (stereo[0, i] + stereo[1, i]);
            return matrix;
        }
        for (var i = 0; i < from.Count; i++)
        {
            var speaker = from.Speakers[i];
            if (to.Has(speaker))
            {
                matrix[to.IndexOf(speaker), i] = 1;
                continue;
            }
            foreach (var (target, gain) in Fold(speaker, to))
                matrix[to.IndexOf(target), i] += gain;
        }
        return matrix;
    }

    /// <summary>Where a speaker the output lacks goes.</summary>
    private static IEnumerable<(string Speaker, double Gain)> Fold(string speaker, ChannelLayout to)
    {
        switch (speaker)
        {
            case "LFE" or "LFE2":
                return [];
            case ['U', ..]:
                return [];
            case "BL" when to.Has("SL"): return [("SL", 1)];
            case "BR" when to.Has("SR"): return [("SR", 1)];
            case "SL" when to.Has("BL"): return [("BL", 1)];
            case "SR" when to.Has("BR"): return [("BR", 1)];
            case "BC" when to.Has("BL") && to.Has("BR"): return [("BL", Half), ("BR", Half)];
            case "BC" when to.Has("SL") && to.Has("SR"): return [("SL", Half), ("SR", Half)];
            case "FLC" when to.Has("FL"): return [("FL", 1)];
            case "FRC" when to.Has("FR"): return [("FR", 1)];
            case "DL" when to.Has("FL"): return [("FL", 1)];
            case "DR" when to.Has("FR"): return [("FR", 1)];
        }
        var side = Side(speaker);
        var gain = speaker is "BC" ? 0.5 : Half;
        if (to.Has("FL") && to.Has("FR"))
            return side switch
            {
                < 0 => [("FL", gain)],
                > 0 => [("FR", gain)],
                _ => [("FL", gain), ("FR", gain)],
            };
        return to.Has("FC") ? [("FC", side == 0 ? 1 : Half)] : [];
    }

    /// <summary>−1 for a speaker on the left, 1 on the right, 0 in the middle (and for unnamed channels, which are left out).</summary>
    private static int Side(string speaker) => speaker switch
    {
        "FL" or "BL" or "FLC" or "SL" or "TFL" or "TBL" or "DL" or "WL" or "SDL" or "TSL" or "BFL" => -1,
        "FR" or "BR" or "FRC" or "SR" or "TFR" or "TBR" or "DR" or "WR" or "SDR" or "TSR" or "BFR" => 1,
        _ => 0,
    };
}
