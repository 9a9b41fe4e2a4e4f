using ScriptComposer.Dsl.Subtitles;

namespace ScriptComposer.Dsl;

public static partial class Clips
{
    /// <summary>
    /// Subtitles from a SubRip (.srt) or WebVTT (.vtt) file as a transparent <paramref name="width"/> x <paramref name="height"/>
    /// clip (moviepy's <c>SubtitlesClip</c>): each cue's text as a centered caption, wrapped to 90 % of the width, its last line
    /// <paramref name="bottom"/> pixels above the bottom edge, shown from the cue's start to its end. It lasts until the last cue
    /// with text ends. Lay it over the video, where it stays on the fast path for video as a group of small pictures:
    /// <c>Composite(1280, 720, video, Subtitles("talk.srt", 1280, 720, stroke: ("black", 3)))</c>. The text options are
    /// <c>Text</c>'s. For other layouts, read the cues with <c>SubtitleFile.Read</c> and place them yourself.
    /// </summary>
    public static CompositeClip Subtitles(string path, int width, int height, string font = "DejaVu Sans", double size = 40,
        ColorValue color = default, (ColorValue Color, double Width)? stroke = null, ColorValue bg = default, double bottom = 40)
    {
        NullArgument.ThrowIfNull(font, "a font family or file, such as \"DejaVu Sans\"");
        RequireSize(width, height, "Subtitles");
        if (!(bottom >= 0 && bottom < height))
            throw new ArgumentOutOfRangeException(nameof(bottom), $"Subtitles: bottom is the gap in pixels between the text and the bottom edge, from 0 to below the height ({height}); got {bottom}.");
        var cues = SubtitleFile.Read(MediaPaths.Resolve(path));
        var captionWidth = Math.Max(1, (int)(width * 0.9));
        var layers = cues.Where(c => c.Text.Length > 0).Select(cue =>
        {
            var caption = Text(cue.Text, font, size, color, bg, stroke, captionWidth, "center");
            if (caption.Height > height - bottom)
                throw new ScriptComposerException(
                    $"The subtitle at {cue.Start:0.###} s ({ScriptComposer.Dsl.Text.TextRenderer.Excerpt(cue.Text)}) is {caption.Height} px tall, " +
                    $"more than the {height - bottom:0} px above the bottom gap. Use a smaller size or bottom, or split the cue.");
            return caption.At("center", height - bottom - caption.Height).WithStart(cue.Start).WithDuration(cue.End - cue.Start);
        }).ToList();
        if (layers.Count == 0)
            throw new ScriptComposerException($"The subtitle file '{path}' has cues but no text in any of them.");
        return Composite(width, height, layers, default(ColorValue));
    }
}
