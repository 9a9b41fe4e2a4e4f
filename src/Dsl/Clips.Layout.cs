using ScriptComposer.Dsl.Layout;

namespace ScriptComposer.Dsl;

public static partial class Clips
{
    /// <summary>
    /// Clips side by side in a grid (moviepy's <c>clips_array</c>): <c>Grid(new[,] { { a, b }, { c, d } })</c>. Each
    /// row is as tall as its tallest clip and each column as wide as its widest, unless sizes are given; smaller
    /// clips are centered in their cells. The grid lasts as long as its longest clip.
    /// </summary>
    public static CompositeClip Grid(Clip[,] clips, int[]? rowHeights = null, int[]? columnWidths = null, ColorValue bg = default)
    {
        NullArgument.ThrowIfNull(clips);
        int rows = clips.GetLength(0), columns = clips.GetLength(1);
        if (rows == 0 || columns == 0)
            throw new ArgumentException("Grid needs at least one row and one column of clips.", nameof(clips));
        if (rowHeights is not null && rowHeights.Length != rows)
            throw new ArgumentException($"Grid has {rows} rows but {rowHeights.Length} row heights.", nameof(rowHeights));
        if (columnWidths is not null && columnWidths.Length != columns)
            throw new ArgumentException($"Grid has {columns} columns but {columnWidths.Length} column widths.", nameof(columnWidths));
        var heights = rowHeights ?? Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, columns).Max(c => clips[r, c]?.Height ?? 0)).ToArray();
        var widths = columnWidths ?? Enumerable.Range(0, columns).Select(c => Enumerable.Range(0, rows).Max(r => clips[r, c]?.Width ?? 0)).ToArray();
        var layers = new List<Clip>();
        var y = 0;
        for (var r = 0; r < rows; y += heights[r], r++)
        {
            var x = 0;
            for (var c = 0; c < columns; x += widths[c], c++)
            {
                if (clips[r, c] is not { } clip) continue;
                layers.Add(clip.At(x + (widths[c] - clip.Width) / 2, y + (heights[r] - clip.Height) / 2));
            }
        }
        return Composite(Math.Max(1, widths.Sum()), Math.Max(1, heights.Sum()), layers, bg.Or(Gpu.Rgba.Black, nameof(bg)));
    }

    /// <summary>
    /// Plays clips one after another (moviepy's <c>concatenate_videoclips</c>). <paramref name="method"/> "chain" uses
    /// the first clip's size and places clips at the top-left; "compose" uses the largest size and centers them.
    /// <paramref name="padding"/> seconds separate the clips (negative overlaps them, e.g. for <c>CrossFadeIn</c>);
    /// <paramref name="transition"/> plays between each pair.
    /// </summary>
    public static CompositeClip Concatenate(IEnumerable<Clip> clips, string method = "chain", Seconds padding = default, Clip? transition = null, ColorValue bg = default)
    {
        NullArgument.ThrowIfNull(clips);
        var list = clips.ToList();
        if (list.Count == 0)
            throw new ArgumentException("Concatenate needs at least one clip.", nameof(clips));
        if (!double.IsFinite(padding))
            throw new ArgumentOutOfRangeException(nameof(padding), $"padding must be a finite number of seconds; got {padding}.");
        var compose = method switch
        {
            "chain" => false,
            "compose" => true,
            _ => throw new ArgumentException($"Concatenate method '{method}' is unknown; use \"chain\" or \"compose\".", nameof(method)),
        };
        var sequence = new List<Clip>();
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0 && transition is not null) sequence.Add(transition);
            sequence.Add(list[i]);
        }
        foreach (var clip in sequence)
        {
            if (clip.Duration is null)
                throw new ArgumentException($"{clip.Describe()} has no duration, so nothing could follow it. Give it one with WithDuration(seconds).", nameof(clips));
        }
        var width = compose ? sequence.Max(c => c.Width) : sequence[0].Width;
        var height = compose ? sequence.Max(c => c.Height) : sequence[0].Height;
        var layers = new List<Clip>();
        var start = 0.0;
        foreach (var clip in sequence)
        {
            if (start < 0)
                throw new ArgumentException($"padding {padding} s overlaps the clips so much that {clip.Describe()} would start before 0 s; use a smaller overlap.", nameof(padding));
            layers.Add(clip.WithStart(start).At(compose ? Pos.Center : Pos.TopLeft));
            start += clip.Duration!.Value + padding;
        }
        return Composite(width, height, layers, bg.Or(Gpu.Rgba.Black, nameof(bg)));
    }
}
