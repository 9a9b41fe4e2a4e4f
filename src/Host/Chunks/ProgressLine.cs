using System.Diagnostics;
using System.Globalization;

namespace ScriptComposer.Host.Chunks;

/// <summary>
/// How a chunk process tells its progress to whoever runs it (the <c>--jobs</c> parent on standard output, the Slurm
/// follower through the task's log): lines <c>sc-progress DONE TOTAL</c>, frames of this process, at most five a second
/// and always the last.
/// </summary>
internal sealed class ProgressLine(TextWriter writer, long total)
{
    public const string Prefix = "sc-progress ";

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private long _written = -1;

    public long Total => total;

    public void Report(long done)
    {
        if (done == _written || (done < total && _sinceLast.Elapsed < Interval))
            return;
        _written = done;
        _sinceLast.Restart();
        lock (writer)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{done} {total}"));
            writer.Flush();
        }
    }

    /// <summary>The (done, total) of a progress line; null for any other line.</summary>
    public static (long Done, long Total)? Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var parts = line[Prefix.Length..].Split(' ');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var done)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var all)
            ? (done, all)
            : null;
    }
}
