using ScriptComposer.Tests.Outputs;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// scripts/kenburns.csx rendered on the CPU: three zooming slides joined by a push and a wipe, music that ducks to 30 %
/// under a voice from 3 s to 5.5 s.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class KenBurnsScriptTests
{
    private static async Task<string> RenderAsync(TempFolder folder, params string[] extra)
    {
        var script = folder["kenburns.csx"];
        if (!File.Exists(script)) File.Copy(RepositoryFiles.Script("kenburns.csx"), script);
        var output = folder[$"kenburns{extra.Length}.mp4"];
        var result = await ScRunner.RunAsync(["render", script, "--backend", "cpu", "-o", output, .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    [SkippableFact]
    public async Task The_slides_zoom_and_change_where_the_script_says()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("kenburns");
        var output = await RenderAsync(folder);

        var probe = MediaProbeTool.Probe(output);
        Assert.Equal((240L, 640, 360), (probe.FrameCount, probe.Width, probe.Height));
        // A corner of each slide: red-orange, then blue, then green.
        var morning = FrameGrabber.Frame(output, 30)[20, 20];
        var noon = FrameGrabber.Frame(output, 120)[20, 20];
        var evening = FrameGrabber.Frame(output, 210)[20, 20];
        Assert.True(morning.R > morning.B + 80, $"morning's corner is {morning}");
        Assert.True(noon.B > noon.R + 30, $"noon's corner is {noon}");
        Assert.True(evening.G > evening.R + 40 && evening.G > evening.B, $"evening's corner is {evening}");
        // The zoom: the title grows with its slide, so its edges move between 0.2 s and 2.2 s (a still slide would differ by
        // the encoder's noise alone, under a level on average).
        var early = FrameGrabber.Frame(output, 6);
        var late = FrameGrabber.Frame(output, 66);
        long difference = 0, count = 0;
        for (var y = 130; y < 230; y += 2)
        {
            for (var x = 140; x < 500; x += 2, count++)
            {
                var (a, b) = (early[x, y], late[x, y]);
                difference += Math.Abs(a.R - b.R) + Math.Abs(a.G - b.G) + Math.Abs(a.B - b.B);
            }
        }
        Assert.True(difference / (3.0 * count) > 4, $"the first slide should zoom: frames at 0.2 s and 2.2 s differ by {difference / (3.0 * count):0.00} levels on average around the title");
    }

    [SkippableFact]
    public async Task The_music_ducks_to_30_percent_while_the_voice_speaks()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("kenburns");
        var withoutVoice = AudioProbe.Samples(await RenderAsync(folder, "--set", "voice=0"));
        var withVoice = AudioProbe.Samples(await RenderAsync(folder));

        const int rate = 48000, channels = 2;
        double Rms(float[] samples, double from, double to)
        {
            var (a, b) = ((int)(from * rate) * channels, (int)(to * rate) * channels);
            var sum = 0.0;
            for (var i = a; i < b; i++) sum += samples[i] * samples[i];
            return Math.Sqrt(sum / (b - a));
        }

        var before = Rms(withoutVoice, 1, 2.5);
        var ducked = Rms(withoutVoice, 3.5, 5);
        var after = Rms(withoutVoice, 6.5, 7.5);
        Assert.InRange(ducked / before, 0.27, 0.33);
        Assert.InRange(after / before, 0.95, 1.05);
        // With the voice, the ducked stretch holds more than the music alone, and outside it the two renders agree.
        Assert.True(Rms(withVoice, 3.5, 5) > 2 * ducked, "the voice should be heard over the ducked music");
        Assert.InRange(Rms(withVoice, 1, 2.5) / before, 0.95, 1.05);
    }
}
