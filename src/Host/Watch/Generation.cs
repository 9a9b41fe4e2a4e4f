using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Watch;

/// <summary>A good evaluation the preview shows: the clip of the script's first output and its timeline.</summary>
internal sealed class Generation
{
    private Generation(int number, LoadedScript? script, Clip clip, double duration, FrameRate fps, double fallbackTime)
    {
        Number = number;
        Script = script;
        Guard = script?.Guard ?? new();
        Clip = clip;
        Duration = duration;
        Fps = fps;
        FallbackTime = fallbackTime;
        Markers = MarkersOf(clip, duration);
        InputFiles = [.. clip.InputFiles().Select(Path.GetFullPath).Distinct(StringComparer.Ordinal)];
    }

    public int Number { get; }

    /// <summary>The script whose code the clip runs (its lambdas, its frame generators), unloaded once the generation is replaced.</summary>
    public LoadedScript? Script { get; }

    /// <summary>What stops the script's code while a frame of it renders.</summary>
    public ScriptGuardContext Guard { get; }

    public Clip Clip { get; }

    /// <summary>Seconds; 0 when the clip has no duration (a still, shown at <see cref="FallbackTime"/>).</summary>
    public double Duration { get; }

    public FrameRate Fps { get; }

    public double FallbackTime { get; }

    public IReadOnlyList<TimelineMarker> Markers { get; }

    public IReadOnlyList<string> InputFiles { get; }

    /// <summary>What the script calls its layers, read from its text when it was evaluated.</summary>
    public ScriptNames Names { get; set; } = ScriptNames.Read("");

    /// <summary>The previewed clip's layers, as the studio's timeline draws them.</summary>
    public IReadOnlyList<TimelineTrack> Tracks { get; set; } = [];

    public static Generation From(int number, ScriptOutput output, LoadedScript? script) => output switch
    {
        FrameOutput frame => new(number, script, frame.Clip, frame.Clip.Duration ?? 0, RateOf(frame), frame.Time),
        _ => new(number, script, output.Clip, output.Clip.Duration ?? 0, RateOf(output), 0),
    };

    /// <summary>The frames an output is previewed in (and <c>sc frame</c> snaps to): a video's own, 30 a second for the others.</summary>
    public static FrameRate RateOf(ScriptOutput output) => output is VideoOutput video ? video.Fps : new FrameRate(30);

    /// <summary>The time of the frame at or before <paramref name="time"/>, inside the clip (<see cref="FrameRate.Snap"/>).</summary>
    public double Snap(double time) => Duration <= 0 ? FallbackTime : Fps.Snap(time, Duration);

    private static List<TimelineMarker> MarkersOf(Clip clip, double duration)
    {
        var markers = new List<TimelineMarker>();
        // A composite under a resize, crop, Map or effect has its layers' starts and ends marked as one shown as it is.
        if (StudioTimeline.Unfold(clip) is var (composite, wrappers))
        {
            // On the shown clip's time: a Subclip of the composite (or of a transform over it) shows its content from its SourceOffset on.
            var offset = composite.SourceOffset + StudioTimeline.WrapperOffset(wrappers);
            foreach (var layer in composite.Layers.Where(l => l.HasPicture))
            {
                var name = layer.Describe();
                var start = layer.Start - offset;
                if (start > 0 && start < duration)
                    markers.Add(new TimelineMarker(start, "start", $"{name} starts"));
                if (layer.End - offset is { } end && end > 0 && end < duration)
                    markers.Add(new TimelineMarker(end, "end", $"{name} ends"));
            }
        }
        return [.. markers.OrderBy(m => m.Time)];
    }
}
