using System.Text;
using SkiaSharp;

namespace ScriptComposer.Dsl.Text;

/// <summary>
/// The fonts a script can name: every face of every .ttf/.otf/.ttc/.otc file in the system font folders (and the
/// folders in <c>SC_FONT_DIRS</c>), found by scanning them once per process. SkiaSharp's Linux "NoDependencies"
/// build has no fontconfig, so its own font manager knows no fonts: this catalog is what finds families and the
/// fallback face for a character the chosen font lacks.
/// </summary>
internal static class FontCatalog
{
    private static readonly string[] FontExtensions = [".ttf", ".otf", ".ttc", ".otc"];
    private static readonly Lazy<IReadOnlyList<FontFace>> AllFaces = new(Scan);
    private static readonly Dictionary<(string Path, int Index), SKTypeface?> Loaded = [];
    private static readonly Dictionary<(SKTypeface Primary, int CodePoint), SKTypeface?> Fallbacks = [];
    private static readonly Dictionary<int, SKTypeface?> Emoji = [];
    private static readonly Lock Gate = new();

    /// <summary>Style words a family name may end with: "DejaVu Sans Bold Oblique".</summary>
    private static readonly Dictionary<string, (int? Weight, int? Width, bool Slanted)> StyleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["thin"] = (100, null, false), ["extralight"] = (200, null, false), ["ultralight"] = (200, null, false),
        ["light"] = (300, null, false), ["regular"] = (400, null, false), ["book"] = (400, null, false), ["normal"] = (400, null, false),
        ["medium"] = (500, null, false), ["semibold"] = (600, null, false), ["demibold"] = (600, null, false),
        ["bold"] = (700, null, false), ["extrabold"] = (800, null, false), ["black"] = (900, null, false), ["heavy"] = (900, null, false),
        ["italic"] = (null, null, true), ["oblique"] = (null, null, true),
        ["condensed"] = (null, 3, false), ["semicondensed"] = (null, 4, false), ["expanded"] = (null, 7, false),
    };

    private static volatile IReadOnlyList<string> _extraFolders = [];
    private static volatile string? _dataHome;

    public static IReadOnlyList<FontFace> Faces => AllFaces.Value;

    /// <summary>
    /// Sets the folders scanned before the usual ones (<c>SC_FONT_DIRS</c>) and the user's data folder, whose <c>fonts</c>
    /// is scanned (<c>XDG_DATA_HOME</c>; null for <c>~/.local/share</c>). The host calls it once at start: the folders are
    /// scanned once, at the first font a script names, so a later change is not seen.
    /// </summary>
    public static void Configure(IReadOnlyList<string> extraFolders, string? dataHome)
    {
        ArgumentNullException.ThrowIfNull(extraFolders);
        _extraFolders = extraFolders;
        _dataHome = dataHome;
    }

    /// <summary>The folders scanned, in order: the extra ones (<c>SC_FONT_DIRS</c>), then the usual system and user font folders that exist.</summary>
    public static IEnumerable<string> Folders()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var extra = _extraFolders;
        var xdgData = _dataHome ?? Path.Combine(home, ".local", "share");
        string[] standard =
        [
            "/usr/share/fonts", "/usr/local/share/fonts", Path.Combine(xdgData, "fonts"), Path.Combine(home, ".fonts"),
            "/System/Library/Fonts", "/Library/Fonts", Path.Combine(home, "Library", "Fonts"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.Windows), "Fonts"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Microsoft", "Windows", "Fonts"),
        ];
        return extra.Concat(standard).Where(f => f.Length > 1 && Directory.Exists(f)).Distinct(StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="font"/> names a file rather than a family.</summary>
    public static bool LooksLikePath(string font) =>
        font.Contains('/') || font.Contains('\\') || FontExtensions.Any(e => font.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>The typeface a script means by <paramref name="font"/>: a font file, or a family name (optionally with style words).</summary>
    public static SKTypeface Resolve(string font)
    {
        var name = font.Trim();
        if (LooksLikePath(name))
            return FromFile(MediaPaths.Resolve(name));

        var families = Faces.Select(f => f.Family).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (families.Count == 0)
            throw new ScriptComposerException(
                $"Font '{name}' was not found: no font files are installed in {string.Join(", ", Folders().DefaultIfEmpty("any system font folder"))}. " +
                "Install fonts (scripts/install-deps installs DejaVu and WenQuanYi Zen Hei), or give a path to a .ttf/.otf file.");

        // The whole name as a family first ("DejaVu Sans Mono"), then with trailing style words taken off ("DejaVu Sans Bold").
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        int weight = 400, width = 5;
        var slanted = false;
        while (words.Count > 0)
        {
            var family = families.FirstOrDefault(f => Key(f) == Key(string.Join(' ', words)));
            if (family is not null)
            {
                var face = Faces.Where(f => string.Equals(f.Family, family, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f.Distance(weight, width, slanted)).ThenBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Index).First();
                return Load(face) ?? throw new ScriptComposerException($"The font file '{face.Path}' of family '{family}' could not be read. Reinstall it or choose another font.");
            }
            if (words.Count == 1 || !StyleWords.TryGetValue(words[^1], out var style))
                break;
            (weight, width, slanted) = (style.Weight ?? weight, style.Width ?? width, slanted || style.Slanted);
            words.RemoveAt(words.Count - 1);
        }
        throw new ScriptComposerException(NotFoundMessage(name, families));
    }

    /// <summary>
    /// A face that has a glyph for <paramref name="codePoint"/> when <paramref name="primary"/> lacks one: faces nearest
    /// in style first, then by family name; SkiaSharp's own font manager last. Null when no installed font has it.
    /// </summary>
    public static SKTypeface? Fallback(SKTypeface primary, int codePoint)
    {
        lock (Gate)
        {
            if (Fallbacks.TryGetValue((primary, codePoint), out var cached))
                return cached;
            var slanted = primary.FontSlant != SKFontStyleSlant.Upright;
            SKTypeface? found = null;
            foreach (var face in Faces.OrderBy(f => f.Distance(primary.FontWeight, primary.FontWidth, slanted)).ThenBy(f => f.Family, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Path, StringComparer.Ordinal))
            {
                if (LoadLocked(face) is { } candidate && candidate != primary && HasGlyph(candidate, codePoint))
                {
                    found = candidate;
                    break;
                }
            }
            found ??= SKFontManager.Default.MatchCharacter(primary.FamilyName, primary.FontStyle, null, codePoint) is { } managed && HasGlyph(managed, codePoint) ? managed : null;
            Fallbacks[(primary, codePoint)] = found;
            return found;
        }
    }

    /// <summary>An installed color font (Noto Color Emoji) that has <paramref name="codePoint"/>, or null.</summary>
    public static SKTypeface? ColorEmoji(int codePoint)
    {
        lock (Gate)
        {
            if (Emoji.TryGetValue(codePoint, out var cached))
                return cached;
            SKTypeface? found = null;
            foreach (var face in Faces.Where(f => f.Family.Contains("Emoji", StringComparison.OrdinalIgnoreCase)).OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                if (LoadLocked(face) is { } candidate && IsColor(candidate) && HasGlyph(candidate, codePoint))
                {
                    found = candidate;
                    break;
                }
            }
            Emoji[codePoint] = found;
            return found;
        }
    }

    private static bool IsColor(SKTypeface typeface)
    {
        var tags = typeface.GetTableTags();
        return tags.Contains(0x43424454u) || tags.Contains(0x73626978u) || tags.Contains(0x434F4C52u); // CBDT, sbix, COLR
    }

    /// <summary>"Font 'X' was not found. Close matches: A, B, C. Give a family name from that list or a path to a .ttf/.otf file."</summary>
    internal static string NotFoundMessage(string name, IReadOnlyList<string> families)
    {
        var key = name.ToLowerInvariant();
        var ranked = families
            .Select(f => (Family: f, Score: EditDistance.Levenshtein(key, f.ToLowerInvariant()) - (f.StartsWith(name.Split(' ')[0], StringComparison.OrdinalIgnoreCase) ? 2 : 0)))
            .OrderBy(r => r.Score).ThenBy(r => r.Family, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var close = ranked.Where(r => r.Score <= Math.Max(3, key.Length / 2)).Take(6).Select(r => r.Family).ToList();
        var listed = close.Count > 0
            ? $"Close matches: {string.Join(", ", close)}."
            : $"No installed family is close; installed are: {string.Join(", ", families.Take(12))}{(families.Count > 12 ? $", ... ({families.Count} in all)" : "")}.";
        return $"Font '{name}' was not found. {listed} Give a family name from that list or a path to a .ttf/.otf file.";
    }

    private static SKTypeface FromFile(string path)
    {
        Media.InputFile.Require(path, "font", "Give the path of a .ttf, .otf or .ttc file, or a family name such as \"DejaVu Sans\".",
            orElse: ", or give a family name such as \"DejaVu Sans\"");
        return Load(new FontFace(path, 0, "", 400, 5, SKFontStyleSlant.Upright))
            ?? throw new ScriptComposerException($"'{path}' is not a font SkiaSharp can read. Give a TrueType or OpenType file (.ttf, .otf, .ttc).");
    }

    private static SKTypeface? Load(FontFace face)
    {
        lock (Gate)
            return LoadLocked(face);
    }

    private static SKTypeface? LoadLocked(FontFace face)
    {
        if (!Loaded.TryGetValue((face.Path, face.Index), out var typeface))
            Loaded[(face.Path, face.Index)] = typeface = SKTypeface.FromFile(face.Path, face.Index);
        return typeface;
    }

    private static bool HasGlyph(SKTypeface typeface, int codePoint)
    {
        using var font = new SKFont(typeface);
        return font.ContainsGlyph(codePoint);
    }

    private static IReadOnlyList<FontFace> Scan()
    {
        var faces = new List<FontFace>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        foreach (var folder in Folders())
        foreach (var file in Directory.EnumerateFiles(folder, "*", options).Where(f => FontExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order(StringComparer.Ordinal))
        {
            for (var index = 0; index < 64; index++)
            {
                using var typeface = SKTypeface.FromFile(file, index);
                if (typeface is null || string.IsNullOrEmpty(typeface.FamilyName))
                    break;
                faces.Add(new FontFace(file, index, typeface.FamilyName, typeface.FontWeight, typeface.FontWidth, typeface.FontSlant));
            }
        }
        return faces;
    }

    /// <summary>A family name compared without case, spaces, hyphens or underscores: "dejavu-sans" is "DejaVu Sans".</summary>
    private static string Key(string family)
    {
        var key = new StringBuilder(family.Length);
        foreach (var c in family)
        {
            if (c is not (' ' or '-' or '_'))
                key.Append(char.ToLowerInvariant(c));
        }
        return key.ToString();
    }
}
