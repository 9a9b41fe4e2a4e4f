using System.Globalization;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Moves a picture sequence's proven pictures from its temporary folder into place, one by one, then removes the pictures of
/// the same pattern numbered past them (an earlier, longer render's). A marker written into the temporary folder first says
/// that its pictures are whole and on their way: a render killed outright in the middle of the move (SIGKILL, a power cut)
/// leaves it behind, and the next render of that output finishes the move (<see cref="RollForward"/>) before anything else,
/// so the folder ends up holding one render's pictures, never some of each.
/// </summary>
internal static class SequenceCommit
{
    /// <summary>The marker's name in the temporary folder (no picture of a pattern starts with it).</summary>
    public const string MarkerName = ".sc-commit";

    /// <summary>
    /// Marks <paramref name="folder"/>'s pictures 0 to <paramref name="frames"/>-1 of <paramref name="pattern"/> as whole, moves
    /// them into <paramref name="target"/> and removes the pattern's pictures numbered <paramref name="frames"/> or more there.
    /// Returns the bytes moved. Run inside <see cref="OutputCommit.Run"/>.
    /// </summary>
    public static long Move(string folder, string target, string pattern, long frames)
    {
        File.WriteAllText(Path.Combine(folder, MarkerName), string.Create(CultureInfo.InvariantCulture, $"{frames}\n{pattern}\n"));
        long bytes = 0;
        for (long i = 0; i < frames; i++)
        {
            var name = OutputFile.SequenceFileName(pattern, i);
            var destination = Path.Combine(target, name);
            OutputFile.MoveIntoPlace(Path.Combine(folder, name), destination);
            bytes += new FileInfo(destination).Length;
        }
        foreach (var file in Leftovers(target, pattern, frames))
            File.Delete(file);
        return bytes;
    }

    /// <summary>The pictures of <paramref name="pattern"/> in <paramref name="target"/> numbered <paramref name="frames"/> or more.</summary>
    public static List<string> Leftovers(string target, string pattern, long frames)
    {
        var matcher = OutputFile.SequenceMatcher(pattern);
        return Directory.EnumerateFiles(target).Where(file =>
            matcher.Match(Path.GetFileName(file)) is { Success: true } match && long.TryParse(match.Groups["n"].ValueSpan, out var number)
            && number >= frames && Path.GetFileName(file) == OutputFile.SequenceFileName(pattern, number)).ToList();
    }

    /// <summary>
    /// Finishes the move a render killed during it left: when <paramref name="folder"/> (a temporary folder whose process is gone)
    /// holds the marker, its pictures still there are moved into <paramref name="target"/> and the pattern's higher-numbered
    /// pictures removed. A folder without the marker was never moved from; it is left to be deleted.
    /// </summary>
    public static void RollForward(string folder, string target)
    {
        var marker = Path.Combine(folder, MarkerName);
        if (!File.Exists(marker))
            return;
        var lines = File.ReadAllLines(marker);
        if (lines.Length < 2 || !long.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var frames) || lines[1].Length == 0
            || lines[1].Contains('/', StringComparison.Ordinal))
            return;
        var pattern = lines[1];
        for (long i = 0; i < frames; i++)
        {
            var name = OutputFile.SequenceFileName(pattern, i);
            var source = Path.Combine(folder, name);
            // Pictures the killed render moved already are in place.
            if (File.Exists(source))
                File.Move(source, Path.Combine(target, name), overwrite: true);
        }
        foreach (var file in Leftovers(target, pattern, frames))
            File.Delete(file);
    }
}
