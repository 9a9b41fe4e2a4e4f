using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl;

/// <summary>
/// Clips laid over a canvas in list order (the first is at the bottom), over <see cref="Background"/>
/// (transparent unless set). It lasts until its last layer ends.
/// </summary>
public sealed record CompositeClip : Clip
{
    public CompositeClip(int width, int height, ClipList layers, Rgba background)
    {
        CanvasWidth = width;
        CanvasHeight = height;
        Layers = layers;
        Background = background;
        var ends = layers.Select(l => l.End).OfType<double>().ToList();
        Duration = ends.Count > 0 ? ends.Max() : null;
    }

    public int CanvasWidth { get; }

    public int CanvasHeight { get; }

    public ClipList Layers { get; init; }

    public Rgba Background { get; init; }

    public override int Width => CanvasWidth;

    /// <summary>A composite of sound-only clips (a concatenation of tones, say) has nothing to draw.</summary>
    public override bool HasPicture => Layers.Any(l => l.HasPicture) || Background.A > 0;

    public override int Height => CanvasHeight;

    /// <summary>Sets the color under the layers.</summary>
    public CompositeClip WithBackground(ColorValue color) => this with { Background = color.Resolve(nameof(color)) };

    public override string Describe() => $"Composite({CanvasWidth}, {CanvasHeight}) of {Layers.Count} clips";

    public override IEnumerable<string> InputFiles() => base.InputFiles().Concat(Layers.SelectMany(l => l.InputFiles()));
}
