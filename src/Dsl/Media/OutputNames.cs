using System.Text;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Which files an output names: one file, or for a picture sequence every name its pattern gives any number (those it writes,
/// and those of the same pattern it removes as an earlier, longer render's leftovers). Two outputs of one render clash when
/// the same folder can hold a name both give: 'f_%d.png' and 'f_%01d.png' both write 'f_1.png', and 'f_%04d.png' writes or
/// removes 'f_0001.png', whatever its length.
/// </summary>
internal static class OutputNames
{
    /// <summary>
    /// A full path both outputs would write or remove (<paramref name="sequenceA"/> says that <paramref name="pathA"/> is a
    /// picture pattern, not one file; likewise B); null when they name no file in common.
    /// </summary>
    public static string? Shared(string pathA, bool sequenceA, string pathB, bool sequenceB)
    {
        var placeA = FileIdentity.PlaceOf(pathA);
        var placeB = FileIdentity.PlaceOf(pathB);
        var folder = Path.GetDirectoryName(placeA);
        if (!string.Equals(folder, Path.GetDirectoryName(placeB), StringComparison.Ordinal))
            return null;
        var name = SharedName(Tokens(Path.GetFileName(placeA), sequenceA), Tokens(Path.GetFileName(placeB), sequenceB));
        return name is null ? null : Path.Combine(folder ?? "", name);
    }

    /// <summary>A piece of a name: one character, or (when <see cref="Width"/> is set) a picture number of at least that many digits.</summary>
    internal readonly record struct Token(char Character, int? Width);

    /// <summary>
    /// Where a name is read up to: before token <see cref="Index"/>, or inside the number at it after <see cref="Digits"/>
    /// digits (counted up to one past its width), <see cref="LeadingZero"/> when the first was '0'.
    /// </summary>
    private readonly record struct Position(int Index, int Digits, bool LeadingZero);

    /// <summary>The pieces of a file name; a pattern's <c>%%</c> is one '%', and its <c>%d</c> or <c>%04d</c> a number.</summary>
    internal static List<Token> Tokens(string name, bool pattern)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < name.Length; i++)
        {
            if (!pattern || name[i] != '%')
            {
                tokens.Add(new Token(name[i], null));
                continue;
            }
            if (i + 1 < name.Length && name[i + 1] == '%')
            {
                tokens.Add(new Token('%', null));
                i++;
                continue;
            }
            var width = 0;
            for (i++; i < name.Length && char.IsAsciiDigit(name[i]); i++)
                width = width * 10 + (name[i] - '0');
            // The 'd' at i ends the conversion.
            tokens.Add(new Token('\0', Math.Max(width, 1)));
        }
        return tokens;
    }

    /// <summary>
    /// The shortest name both token lists give, or null: a search over pairs of positions, one in each name, stepping both by the
    /// same character. A number of width W gives W digits (any), or more without a leading zero, as image2 writes it.
    /// </summary>
    private static string? SharedName(List<Token> a, List<Token> b)
    {
        var start = (new Position(0, 0, false), new Position(0, 0, false));
        var came = new Dictionary<(Position, Position), ((Position, Position) From, char Character)>();
        var queue = new Queue<(Position, Position)>();
        var seen = new HashSet<(Position, Position)>();
        foreach (var pair in Closure(a, b, start))
        {
            if (seen.Add(pair))
                queue.Enqueue(pair);
        }
        while (queue.Count > 0)
        {
            var pair = queue.Dequeue();
            var (x, y) = pair;
            if (IsEnd(a, x) && IsEnd(b, y))
                return Spell(came, pair);
            foreach (var (character, nextX) in Steps(a, x))
            {
                foreach (var (other, nextY) in Steps(b, y))
                {
                    if (other != character)
                        continue;
                    foreach (var next in Closure(a, b, (nextX, nextY)))
                    {
                        if (!seen.Add(next))
                            continue;
                        came[next] = (pair, character);
                        queue.Enqueue(next);
                    }
                }
            }
        }
        return null;
    }

    private static string Spell(Dictionary<(Position, Position), ((Position, Position) From, char Character)> came, (Position, Position) end)
    {
        var characters = new StringBuilder();
        for (var at = end; came.TryGetValue(at, out var step); at = step.From)
            characters.Insert(0, step.Character);
        return characters.ToString();
    }

    private static bool IsEnd(List<Token> tokens, Position at) => at.Index == tokens.Count && at.Digits == 0;

    /// <summary>The character steps from <paramref name="at"/>: the next character, or a digit of the number.</summary>
    private static IEnumerable<(char Character, Position Next)> Steps(List<Token> tokens, Position at)
    {
        if (at.Index == tokens.Count)
            yield break;
        var token = tokens[at.Index];
        if (token.Width is not { } width)
        {
            yield return (token.Character, new Position(at.Index + 1, 0, false));
            yield break;
        }
        for (var digit = '0'; digit <= '9'; digit++)
        {
            var leadingZero = at.Digits == 0 ? digit == '0' : at.LeadingZero;
            var digits = Math.Min(at.Digits + 1, width + 1);
            // Past its width a number has no leading zero.
            if (leadingZero && digits > width)
                continue;
            yield return (digit, new Position(at.Index, digits, leadingZero));
        }
    }

    /// <summary>Both positions, each also past its number where the digits read so far can end it.</summary>
    private static IEnumerable<(Position, Position)> Closure(List<Token> a, List<Token> b, (Position X, Position Y) pair)
    {
        foreach (var x in Ends(a, pair.X))
        {
            foreach (var y in Ends(b, pair.Y))
                yield return (x, y);
        }
    }

    private static IEnumerable<Position> Ends(List<Token> tokens, Position at)
    {
        if (at.Digits == 0)
        {
            yield return at;
            yield break;
        }
        // Inside a number: it may go on, and it may end here when it has its width (or more, without a leading zero).
        yield return at;
        var width = tokens[at.Index].Width!.Value;
        if (at.Digits >= width && (at.Digits == width || !at.LeadingZero))
            yield return new Position(at.Index + 1, 0, false);
    }
}
