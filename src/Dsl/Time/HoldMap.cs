namespace ScriptComposer.Dsl.Time;

/// <summary>Shows the frame at <see cref="At"/> for as long as the clip lasts (moviepy's <c>to_ImageClip(t)</c>); its sound is silent.</summary>
public sealed record HoldMap(double At) : TimeMap
{
    public override double Map(double time) => At;

    public override double? Duration(double? innerDuration) => innerDuration;
}
