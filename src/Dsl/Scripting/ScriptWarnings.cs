using System.Globalization;

namespace ScriptComposer.Dsl.Scripting;

/// <summary>
/// What a script's run should be told without failing: the characters of its texts that no installed font has (drawn as the
/// font's empty box), and notes such as a subtitle file read as Windows-1252. Notes go to the collector of the evaluation running
/// on this thread (<see cref="Collect"/>), and come out as one message per kind, each character named once however many texts hold it.
/// </summary>
public sealed class ScriptWarnings
{
    private static readonly AsyncLocal<ScriptWarnings?> Current = new();

    private readonly Lock _gate = new();
    private readonly SortedSet<int> _missing = [];
    private readonly List<string> _notes = [];

    /// <summary>Collects the notes of code running on this thread (and what it starts) into <paramref name="warnings"/> until disposed.</summary>
    public static IDisposable Collect(ScriptWarnings warnings)
    {
        var previous = Current.Value;
        Current.Value = warnings;
        return new Restore(() => Current.Value = previous);
    }

    /// <summary>Notes characters of a text that no installed font has.</summary>
    public static void NoteMissingCharacters(IEnumerable<int> codePoints)
    {
        if (Current.Value is not { } warnings)
            return;
        lock (warnings._gate)
            warnings._missing.UnionWith(codePoints);
    }

    /// <summary>Notes something the script should be told once (the same text twice is said once).</summary>
    public static void Note(string message)
    {
        if (Current.Value is not { } warnings)
            return;
        lock (warnings._gate)
        {
            if (!warnings._notes.Contains(message))
                warnings._notes.Add(message);
        }
    }

    /// <summary>The warnings, one line each: empty when there is nothing to say.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_gate)
            {
                if (_missing.Count == 0)
                    return [.. _notes];
                var named = string.Join(", ", _missing.Take(12).Select(c => string.Create(CultureInfo.InvariantCulture, $"'{char.ConvertFromUtf32(c)}' (U+{c:X4})")));
                var more = _missing.Count > 12 ? $" and {_missing.Count - 12} more" : "";
                return [.. _notes, $"no installed font has {(_missing.Count == 1 ? "the character" : "the characters")} {named}{more}, so {(_missing.Count == 1 ? "it is" : "they are")} drawn as empty boxes. " +
                    "Install a font that has them (Debian: fonts-noto-core; emoji: fonts-noto-color-emoji), or give Text a font: that has them."];
            }
        }
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
