namespace ScriptComposer.Dsl.Media;

public enum OutputKind
{
    /// <summary>A video file: mp4, mkv, mov or webm.</summary>
    Video,
    /// <summary>An animated GIF with a palette made for it.</summary>
    Gif,
    /// <summary>Numbered pictures from a pattern such as "frames/f_%04d.png".</summary>
    ImageSequence,
}
