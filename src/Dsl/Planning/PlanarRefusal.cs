namespace ScriptComposer.Dsl.Planning;

/// <summary>Why a frame for an I420 output is not mixed in Y'CbCr but goes through RGBA (see <see cref="FramePlan.RgbaBecause"/>).</summary>
public enum PlanarRefusal
{
    /// <summary>The output takes RGBA (alpha, pictures, GIF, a pixel format other than yuv420p).</summary>
    RgbaOutput,
    /// <summary>The planar path is turned off (for comparisons).</summary>
    TurnedOff,
    /// <summary>The frame has an odd width or height.</summary>
    OddSize,
    /// <summary>The output clip fades as a whole at this moment.</summary>
    FrameFades,
    /// <summary>The output clip is neither a composite nor a video.</summary>
    NotComposite,
    /// <summary>No layer is a video the planar path can lay exactly (odd size or position, alpha, baked effects).</summary>
    NoVideo,
    /// <summary>A layer has a mask or a blend mode.</summary>
    MaskOrBlendMode,
    /// <summary>The pictures over the video cover more than a quarter of the frame.</summary>
    LargePictures,
    /// <summary>A layer is coming in with a transition.</summary>
    Transition,
}
