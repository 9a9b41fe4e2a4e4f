using System.Collections.Concurrent;
using System.Globalization;
using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Where the sound of truncated files really ends (<see cref="AudioInfo.SoundEnd"/>, <see cref="MediaInfo.SoundEnd"/>), so
/// that a render which would play a file's sound past it fails with the file and the time named, instead of ffmpeg
/// mixing silence there. The probes record what they found; a render checks its sound against it before it starts.
/// </summary>
internal static class SoundEnds
{
    private static readonly ConcurrentDictionary<string, double> Known = new(StringComparer.Ordinal);

    /// <summary>Records what a probe of <paramref name="fullPath"/> said: where its sound ends, or null when it is whole.</summary>
    public static void Record(string fullPath, double? soundEnd)
    {
        if (soundEnd is { } end)
            Known[fullPath] = end;
        else
            Known.TryRemove(fullPath, out _);
    }

    /// <summary>Refuses <paramref name="segments"/> when, inside the output's [<paramref name="from"/>, <paramref name="to"/>), one plays a file past where its sound ends.</summary>
    /// <exception cref="ScriptComposerException">A segment reads past a file's sound.</exception>
    public static void Require(IEnumerable<AudioSegment> segments, double from, double to)
    {
        foreach (var segment in segments)
        {
            if (segment.Source is not FileAudio file || !Known.TryGetValue(file.Path, out var end) || segment.Window(from, to) is not { } used)
                continue;
            var last = used.SourceStart + used.SourceLength;
            if (last <= end + StreamEnds.Tolerance)
                continue;
            string Seconds(double s) => s.ToString("0.00", CultureInfo.InvariantCulture);
            throw new ScriptComposerException(
                $"'{file.Path}' has no sound after {Seconds(end)} s, but the script plays it up to {Seconds(last)} s " +
                $"(the file says it lasts {Seconds(file.Duration)} s): the file may be truncated. " +
                $"Use only what it has (Subclip(0, {Seconds(end)})), or re-encode or copy the file again.");
        }
    }
}
