using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// scripts/histogram.csx rendered on the CPU with <c>--verbose</c>: 2 s at 30 fps of 480x270, a Ken Burns zoom and pan on
/// animated parameters, and a histogram panel drawn by <c>Map</c> at (16, 16), black above its bars and white in them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HistogramScriptTests
{
    [SkippableFact]
    public async Task Histogram_script_renders_60_frames_with_the_panel_drawn_by_Map()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("histogram");
        var output = folder["histogram.mp4"];

        var result = await ScRunner.RunAsync("render", RepositoryFiles.Script("histogram.csx"), "--backend", "cpu", "--set", $"out={output}", "--verbose");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Map ran 60 times, in C# on the CPU", result.Stdout);
        var probe = MediaProbeTool.Probe(output);
        Assert.Equal(60, probe.FrameCount);
        Assert.Equal((480, 270), (probe.Width, probe.Height));
        foreach (var index in new[] { 0L, 45L })
        {
            var frame = FrameGrabber.Frame(output, index);
            var top = frame[80, 19];
            Assert.True(top.R < 24 && top.G < 24 && top.B < 24, $"frame {index}: the panel above the bars is {top}, not black");
            var brightest = Enumerable.Range(18, 124).Max(x => frame[x, 77].G);
            Assert.True(brightest > 180, $"frame {index}: no white bar at the panel's foot (brightest green {brightest})");
            var outside = frame[300, 200];
            Assert.True(outside.R > 40, $"frame {index}: the picture beside the panel is {outside}, too dark for the gradient");
        }
    }
}
