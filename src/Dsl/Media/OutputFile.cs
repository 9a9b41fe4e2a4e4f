using System.Text;
using System.Text.RegularExpressions;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Writes an output through a temporary file beside it, renamed over the final name only once proven whole, and
/// refuses, before any work, an output that would overwrite one of the script's inputs. Temporary names carry the
/// process that makes them (<see cref="TemporaryOwner"/>), so the next render of an output removes those a killed
/// render left.
/// </summary>
public static class OutputFile
{
    private const string PartialMark = ".partial-";

    /// <summary>
    /// A hidden temporary name in the output's folder that keeps its extension (<c>.name.partial-host-pid-id.ext</c>).
    /// Temporary files of this output left by a process that is gone are removed first.
    /// </summary>
    public static string TemporaryPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        RemoveStalePartials(full, sequence: false);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileNameWithoutExtension(full)}{PartialMark}{TemporaryOwner.NewTag()}{Path.GetExtension(full)}");
    }

    /// <summary>
    /// A hidden temporary folder beside a picture sequence's pattern (<c>.f_04d.partial-host-pid-id</c>, without the
    /// pattern's '%'), for ffmpeg to write every picture into before they are moved into place.
    /// </summary>
    public static string TemporaryFolderFor(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        RemoveStalePartials(full, sequence: true);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{SequenceStem(full)}{PartialMark}{TemporaryOwner.NewTag()}");
    }

    /// <summary>
    /// Removes the temporary files (or, for a picture <paramref name="sequence"/>, folders) of <paramref name="path"/>
    /// whose process is gone: what a render killed mid-way left behind. Those of running renders, and of other machines
    /// sharing the folder, stay. A sequence's folder that a render was killed while moving into place has its move
    /// finished first (<see cref="SequenceCommit.RollForward"/>).
    /// </summary>
    public static void RemoveStalePartials(string path, bool sequence)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            return;
        var prefix = sequence ? $".{SequenceStem(full)}{PartialMark}" : $".{Path.GetFileNameWithoutExtension(full)}{PartialMark}";
        var suffix = sequence ? "" : Path.GetExtension(full);
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder, ".*"))
            {
                var name = Path.GetFileName(entry);
                if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal) || name.Length <= prefix.Length + suffix.Length)
                    continue;
                var tag = name[prefix.Length..^suffix.Length];
                if (!TemporaryOwner.IsStale(tag, Directory.Exists(entry) ? Directory.GetLastWriteTimeUtc(entry) : File.GetLastWriteTimeUtc(entry)))
                    continue;
                // A sequence's render killed while it moved its pictures into place: the move is finished first.
                if (sequence && Directory.Exists(entry))
                    SequenceCommit.RollForward(entry, folder);
                TemporaryOwner.Remove(entry);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Writes <paramref name="path"/> by <paramref name="writeTemporary"/> into a temporary file, has
    /// <paramref name="prove"/> check that file (it throws when the file is not whole), and only then renames it over
    /// <paramref name="path"/>. Whatever fails, the temporary file is removed and <paramref name="path"/> is untouched.
    /// </summary>
    public static void WriteAtomically(string path, Action<string> writeTemporary, Action<string>? prove = null)
    {
        var temp = TemporaryPathFor(path);
        CleanupRegistry.Track(temp);
        try
        {
            // A folder sc cannot write in is named as such, with the output's name (the writers make the file themselves).
            CreateTemporary(path, temp, isFolder: false);
            File.Delete(temp);
            try
            {
                writeTemporary(temp);
            }
            catch (IOException e)
            {
                throw CouldNotWrite(path, e.Message, e);
            }
            prove?.Invoke(temp);
            Replace(temp, path);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            CleanupRegistry.Forget(temp);
        }
    }

    /// <summary>
    /// Renames a proven temporary file over <paramref name="path"/>, and checks that it arrived with its size; once begun, a
    /// stop waits for it (<see cref="OutputCommit"/>).
    /// </summary>
    public static void Replace(string temporary, string path) => OutputCommit.Run(path, () => MoveIntoPlace(temporary, path));

    /// <summary>The move of <see cref="Replace"/>, for a caller already inside <see cref="OutputCommit.Run"/>.</summary>
    internal static void MoveIntoPlace(string temporary, string path)
    {
        OpenedMedia.RequireNotOpened(path);
        OutputCommit.BeforeEachFile();
        var size = new FileInfo(temporary).Length;
        File.Move(temporary, path, overwrite: true);
        var arrived = new FileInfo(path);
        if (!arrived.Exists || arrived.Length != size)
            throw new ScriptComposerException(
                $"'{path}' should hold the {size} bytes just written, but {(arrived.Exists ? $"holds {arrived.Length}" : "is not there")}; something else is writing to it. Render again, to a path nothing else uses.");
    }

    /// <summary>The error for an output that could not be written whole, with the reason (ffmpeg's words, or the system's).</summary>
    public static ScriptComposerException CouldNotWrite(string path, string reason, Exception? inner = null) =>
        CouldNotWrite(path, reason, "If the disk is full, free some space (or write to another disk) and render again.", inner);

    /// <summary>The error for an output that could not be written whole, with the reason and the fix.</summary>
    public static ScriptComposerException CouldNotWrite(string path, string reason, string fix, Exception? inner) =>
        new OutputNotWholeException(reason.Trim(), $"'{path}' could not be written whole, so it was not written at all (a file already there is untouched): {reason.Trim()}\n{fix}", inner);

    /// <exception cref="ScriptComposerException">A folder stands at <paramref name="fullPath"/>, where the output's file would go.</exception>
    public static void CheckNotAFolder(string fullPath)
    {
        if (Directory.Exists(fullPath))
            throw new ScriptComposerException($"The output '{fullPath}' is a folder. Give a file name such as '{Path.Combine(fullPath, "out.mp4")}'.");
    }

    /// <summary>
    /// Makes the temporary file of the output <paramref name="path"/> (<see cref="TemporaryPathFor"/>), or for a picture sequence
    /// its temporary folder (<see cref="TemporaryFolderFor"/>), before any frame is made. A folder sc cannot write in (a
    /// read-only disk, no permission) is refused with the output's own name, not the hidden temporary one, and what to do.
    /// </summary>
    public static void CreateTemporary(string path, string temporary, bool isFolder)
    {
        try
        {
            if (isFolder)
                Directory.CreateDirectory(temporary);
            else
                File.Create(temporary).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The system names the temporary path ("Read-only file system : '…/.out.partial-….mp4'"); the user named the output.
            var why = e is UnauthorizedAccessException ? "permission denied" : e.Message.Replace($" : '{temporary}'", "", StringComparison.Ordinal).TrimEnd('.');
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            throw CouldNotWrite(path, $"sc cannot make files in its folder '{folder}' ({why}).",
                "Make the folder writable (mount its disk read-write, or give this user write permission), or write the output to another folder.", e);
        }
    }

    /// <summary>
    /// Refuses, before any work, an output whose folder is missing or that would overwrite one of the inputs.
    /// <paramref name="sequence"/> says that <paramref name="path"/> is a picture pattern, not one file (a single PNG
    /// may be named "50%done.png").
    /// </summary>
    public static void Validate(string path, IEnumerable<string> inputs, bool sequence)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new ScriptComposerException($"The output folder '{folder}' does not exist. Create it (mkdir -p -- {ShellQuote.Quote(folder)}) or choose another output path.");
        if (!sequence)
            CheckNotAFolder(full);

        // What the output replaces: the file at its path, or every picture already there that its pattern names.
        var targets = (sequence ? ExistingSequenceFiles(full) : [full])
            .Select(t => (Path: t, Identity: FileIdentity.Of(t)))
            .Where(t => t.Identity is not null)
            .ToList();
        if (targets.Count == 0)
            return;
        foreach (var input in inputs.Distinct(StringComparer.Ordinal))
        {
            if (FileIdentity.Of(input) is not { } identity)
                continue;
            foreach (var (target, targetIdentity) in targets)
            {
                if (!identity.SameFileAs(targetIdentity!))
                    continue;
                var through = string.Equals(Path.GetFullPath(input), target, StringComparison.Ordinal) ? "" : $" (the script reads it as '{input}')";
                throw new ScriptComposerException(sequence
                    ? $"The output pattern '{full}' would overwrite '{target}', which is an input of the script{through}; writing it would destroy the input. Choose another output folder or pattern."
                    : $"The output '{full}' is also an input of the script{through}; writing it would destroy the input. Choose another output path.");
            }
        }
    }

    /// <summary>The name ffmpeg's image2 muxer gives picture <paramref name="number"/> of <paramref name="pattern"/> (a file name).</summary>
    public static string SequenceFileName(string pattern, long number)
    {
        var name = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '%')
            {
                name.Append(pattern[i]);
                continue;
            }
            if (i + 1 < pattern.Length && pattern[i + 1] == '%')
            {
                name.Append('%');
                i++;
                continue;
            }
            var width = 0;
            for (i++; i < pattern.Length && char.IsAsciiDigit(pattern[i]); i++)
                width = width * 10 + (pattern[i] - '0');
            name.Append(number.ToString(new string('0', Math.Max(width, 1)), System.Globalization.CultureInfo.InvariantCulture));
        }
        return name.ToString();
    }

    /// <summary>The files in the pattern's folder that the pattern names, whatever their number.</summary>
    internal static IEnumerable<string> ExistingSequenceFiles(string pattern)
    {
        var folder = Path.GetDirectoryName(pattern)!;
        var matcher = SequenceMatcher(Path.GetFileName(pattern));
        return Directory.EnumerateFiles(folder).Where(f => matcher.IsMatch(Path.GetFileName(f))).ToList();
    }

    /// <summary>A regular expression for the names of <paramref name="pattern"/>, the number captured as "n".</summary>
    internal static Regex SequenceMatcher(string pattern)
    {
        var expression = new StringBuilder("^");
        foreach (var token in OutputNames.Tokens(pattern, pattern: true))
            expression.Append(token.Width is null ? Regex.Escape(token.Character.ToString()) : @"(?<n>\d+)");
        return new Regex(expression.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static string SequenceStem(string pattern) => Path.GetFileNameWithoutExtension(pattern).Replace("%", "", StringComparison.Ordinal);
}
