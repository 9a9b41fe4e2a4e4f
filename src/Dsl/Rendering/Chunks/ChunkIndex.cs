using System.Globalization;

namespace ScriptComposer.Dsl.Rendering.Chunks;

/// <summary>
/// Which of <see cref="Count"/> chunks of a render this is (<c>--chunk I/N</c>, 0-based), and the frames each chunk covers:
/// an even split of a render's frame range by index, in integers, so every frame belongs to exactly one chunk.
/// </summary>
public readonly record struct ChunkIndex
{
    public ChunkIndex(int index, int count)
    {
        if (count < 1 || index < 0 || index >= count)
            throw new ScriptComposerException($"--chunk {index}/{count} names no chunk; give I/N with N at least 1 and I from 0 to N-1, such as --chunk 0/4.");
        Index = index;
        Count = count;
    }

    public int Index { get; }

    public int Count { get; }

    /// <summary>Reads "I/N" as the command line writes it.</summary>
    public static ChunkIndex Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return new ChunkIndex(index, count);
        throw new ScriptComposerException($"--chunk '{text}' is not I/N; write the chunk's number (from 0) and the number of chunks, such as --chunk 2/8.");
    }

    /// <summary>The frames [first, end) of this chunk of the frames [<paramref name="first"/>, <paramref name="end"/>).</summary>
    public (long First, long End) FramesOf(long first, long end)
    {
        var total = end - first;
        return (first + Share(total, Index), first + Share(total, Index + 1));
    }

    /// <summary>⌊total · i / N⌋ without overflow for any frame count a render can have.</summary>
    private long Share(long total, int i) => (long)((Int128)total * i / Count);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
