using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>ffprobe runs once per version of a file; what it said comes back the same from memory and from disk.</summary>
public sealed class ProbeCacheTests : IDisposable
{
    private readonly TempFolder _folder = new("probe-cache");

    public void Dispose() => _folder.Dispose();

    private string Media(string name, string content)
    {
        var path = _folder.Write(name, content);
        return path;
    }

    private static MediaInfo Sample(string path) =>
        new(path, 1920, 1080, 12.345678901234, new FrameRate(30000, 1001), "yuv420p10le", HasAudio: true, AudioChannels: 6,
            ColorSpace: null, ColorRange: "pc");

    [Fact]
    public void A_file_is_probed_once_and_its_answer_is_kept_exactly()
    {
        var path = Media("a.mp4", "pretend video");
        var cache = _folder["cache"];
        var probes = 0;
        MediaInfo Probe() { probes++; return Sample(path); }

        var first = ProbeCache.Video(path, Probe, cache);
        var again = ProbeCache.Video(path, Probe, cache);
        var otherFolder = _folder["cache-copy"];
        Directory.CreateDirectory(otherFolder);
        foreach (var entry in Directory.GetFiles(cache))
            File.Copy(entry, Path.Combine(otherFolder, Path.GetFileName(entry)));
        var fromDisk = ProbeCache.Video(path, Probe, otherFolder);

        Assert.Equal(1, probes);
        Assert.Equal(Sample(path), first);
        Assert.Equal(Sample(path), again);
        Assert.Equal(Sample(path), fromDisk);
    }

    [Fact]
    public void A_video_without_sound_and_an_audio_file_come_back_from_disk_the_same()
    {
        var video = Media("silent.mp4", "pretend video");
        var audio = Media("a.wav", "pretend audio");
        var silent = new MediaInfo(video, 640, 360, 8, new FrameRate(25), "yuv420p", HasAudio: false, AudioChannels: 0, ColorSpace: "bt709", ColorRange: null);
        var sound = new AudioInfo(audio, 3.5, 48000, 2, "stereo");
        ProbeCache.Video(video, () => silent, _folder["cache"]);
        ProbeCache.Audio(audio, () => sound, _folder["cache"]);
        var copy = _folder["copy"];
        Directory.CreateDirectory(copy);
        foreach (var entry in Directory.GetFiles(_folder["cache"]))
            File.Copy(entry, Path.Combine(copy, Path.GetFileName(entry)));

        Assert.Equal(silent, ProbeCache.Video(video, () => throw new InvalidOperationException("probed again"), copy));
        Assert.Equal(sound, ProbeCache.Audio(audio, () => throw new InvalidOperationException("probed again"), copy));
    }

    [Fact]
    public void A_variable_rate_videos_picture_times_come_back_from_disk_exactly()
    {
        var video = Media("vfr.mp4", "pretend video");
        double[] times = [0, 1 / 30.0, 0.1, 0.5333333333333333, 0.6000000000000001];
        var probed = Sample(video) with { FrameTimes = times, VideoStart = 1.4 };
        ProbeCache.Video(video, () => probed, _folder["cache"]);
        var copy = _folder["copy"];
        Directory.CreateDirectory(copy);
        foreach (var entry in Directory.GetFiles(_folder["cache"]))
            File.Copy(entry, Path.Combine(copy, Path.GetFileName(entry)));

        var fromDisk = ProbeCache.Video(video, () => throw new InvalidOperationException("probed again"), copy);

        Assert.Equal(times, fromDisk.FrameTimes);
        Assert.Equal(probed with { FrameTimes = null }, fromDisk with { FrameTimes = null });
    }

    [Fact]
    public void A_changed_file_is_probed_again()
    {
        var path = Media("a.mp4", "pretend video");
        var cache = _folder["cache"];
        ProbeCache.Video(path, () => Sample(path), cache);

        File.WriteAllText(path, "another, longer pretend video");
        var changed = Sample(path) with { Width = 640, Height = 360 };

        Assert.Equal(changed, ProbeCache.Video(path, () => changed, cache));
    }

    [Fact]
    public void A_damaged_entry_is_probed_again()
    {
        var path = Media("a.mp4", "pretend video");
        var cache = _folder["cache"];
        ProbeCache.Video(path, () => Sample(path), cache);
        var damaged = _folder["damaged"];
        Directory.CreateDirectory(damaged);
        foreach (var entry in Directory.GetFiles(cache))
            File.WriteAllText(Path.Combine(damaged, Path.GetFileName(entry)), "sc-probe 1\nwidth=wide\n");
        var probes = 0;

        var info = ProbeCache.Video(path, () => { probes++; return Sample(path); }, damaged);

        Assert.Equal(1, probes);
        Assert.Equal(Sample(path), info);
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_made_only_costs_the_probe()
    {
        var path = Media("a.mp4", "pretend video");
        var blocked = _folder.Write("a-file", "not a folder");

        var info = ProbeCache.Video(path, () => Sample(path), Path.Combine(blocked, "cache"));

        Assert.Equal(Sample(path), info);
        Assert.True(File.Exists(blocked));
    }

    [Fact]
    public void A_real_video_probed_twice_reads_the_same()
    {
        var path = TestMedia.SolidColor(_folder, "red.mp4", "red", 64, 48, 1);

        var first = MediaProbe.Probe(path);
        var second = MediaProbe.Probe(path);

        Assert.Equal(first, second);
        Assert.Equal((64, 48), (first.Width, first.Height));
        Assert.Equal(new FrameRate(30), first.FrameRate);
    }
}
