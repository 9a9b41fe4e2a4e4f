using System.Globalization;
using BenchmarkDotNet.Attributes;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Bench.EndToEnd;

/// <summary>
/// <c>bench -- --filter '*PlannedFrames*' --memory</c>: one frame of each reference composition planned (<see cref="Plan"/>) and
/// planned and drawn into an I420 buffer on the CPU backend (<see cref="PlanAndDraw"/>), walking the composition's frames in
/// order as a render does, with BenchmarkDotNet's memory diagnoser: what a frame allocates in steady state.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("cpu", "plan")]
public class PlannedFrames
{
    private CpuBackend? _backend;
    private FrameRenderer? _renderer;
    private readonly FramePlanner _planner = new();
    private Clip? _clip;
    private FrameRate _fps = new(30);
    private long _frames;
    private long _next;
    private byte[] _buffer = [];

    [Params("overlay-fades", "grid-2x2", "crossfade-chain", "logo-over-video")]
    public string Composition { get; set; } = "overlay-fades";

    [GlobalSetup]
    public void Setup()
    {
        var media = Path.Combine(Repository.Bench, "artifacts", "e2e", "media");
        MediaSetup.Ensure(media);
        var composition = Compositions.All.Single(c => c.Name == Composition);
        var evaluation = new ScriptHost().Evaluate(Path.Combine(Repository.Bench, "scripts", composition.Script), new ScriptArgs(new Dictionary<string, string>
        {
            ["media"] = media, ["out"] = Path.Combine(Path.GetTempPath(), "planned-frames.mp4"), ["preset"] = "veryfast",
            ["threads"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        }));
        var video = evaluation.Outputs.OfType<VideoOutput>().Single();
        (_clip, _fps) = (video.Clip, video.Fps);
        _frames = _fps.FrameCount(_clip.Duration!.Value);
        _backend = new CpuBackend();
        _renderer = new FrameRenderer(_backend);
        _buffer = new byte[new Gpu.Yuv420Layout(_clip.Width, _clip.Height).TotalBytes];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _renderer?.Dispose();
        _backend?.Dispose();
    }

    private double NextTime()
    {
        var time = _fps.TimeOf(_next);
        _next = (_next + 1) % _frames;
        return time;
    }

    [Benchmark]
    public FramePlan Plan() => _planner.Plan(_clip!, NextTime(), PipeFormat.I420);

    [Benchmark]
    public void PlanAndDraw() => _renderer!.RenderToPipe(_clip!, NextTime(), PipeFormat.I420, _buffer);
}
