using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning.Nodes;

namespace ScriptComposer.Dsl.Planning;

/// <summary>
/// Everything that decides one output frame, without pixels: the picture's node tree and the format it is delivered in. A
/// <see cref="PlanarCompositeNode"/> at the root is mixed in Y'CbCr; a <see cref="CompositeNode"/> at the root of an I420 frame is
/// laid and converted in one pass; any other root is drawn in RGBA and converted. Plans compare by value.
/// </summary>
public sealed record FramePlan(PlanNode Picture, PipeFormat Format, PlanarRefusal? RgbaBecause)
{
    /// <summary>Whether the frame is mixed in Y'CbCr.</summary>
    public bool IsPlanar => Picture is PlanarCompositeNode;

    /// <summary>Why the frame goes through RGBA, in words; null when it is mixed in Y'CbCr.</summary>
    public string? Reason => RgbaBecause is { } because ? Describe(because) : null;

    /// <summary>A reason a frame goes through RGBA, in words.</summary>
    public static string Describe(PlanarRefusal because) => because switch
    {
        PlanarRefusal.RgbaOutput => "the output takes RGBA (alpha, pictures, GIF, or a pixel format other than yuv420p)",
        PlanarRefusal.TurnedOff => "the planar path is turned off",
        PlanarRefusal.OddSize => "the frame has an odd width or height",
        PlanarRefusal.FrameFades => "the output clip itself fades",
        PlanarRefusal.NotComposite => "the output clip is neither a composite nor a video",
        PlanarRefusal.NoVideo => "no layer is a video at an even position and size without alpha",
        PlanarRefusal.MaskOrBlendMode => "a layer has a mask or a blend mode",
        PlanarRefusal.LargePictures => "the pictures over the video cover more than a quarter of the frame",
        PlanarRefusal.Transition => "a layer is coming in with a transition",
        _ => because.ToString(),
    };
}
