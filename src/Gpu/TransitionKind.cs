namespace ScriptComposer.Gpu;

/// <summary>
/// How <see cref="IComputeBackend.Transition"/> turns one picture into another. The values that share a name with one of ffmpeg's
/// <c>xfade</c> transitions follow its formula (<c>fade</c>, <c>fadeblack</c>/<c>fadewhite</c> as <see cref="FadeColor"/>,
/// <c>wipe*</c>, <c>slide*</c>, <c>circleopen</c>, <c>circleclose</c>, <c>rectcrop</c>, <c>zoomin</c>; <c>cover*</c> as in ffmpeg 7);
/// <see cref="Dissolve"/> and <see cref="RectOpen"/> are ours. The numbers are the kernels' <c>kind</c> argument.
/// </summary>
public enum TransitionKind
{
    Fade = 0,
    FadeColor = 1,
    WipeLeft = 10,
    WipeRight = 11,
    WipeUp = 12,
    WipeDown = 13,
    WipeTopLeft = 14,
    WipeTopRight = 15,
    WipeBottomLeft = 16,
    WipeBottomRight = 17,
    SlideLeft = 20,
    SlideRight = 21,
    SlideUp = 22,
    SlideDown = 23,
    CoverLeft = 24,
    CoverRight = 25,
    CoverUp = 26,
    CoverDown = 27,
    CircleOpen = 30,
    CircleClose = 31,
    RectCrop = 32,
    RectOpen = 33,
    Dissolve = 40,
    ZoomIn = 50,
}
