using ScriptComposer.Dsl.Media;
using ScriptComposer.Host.Configuration;
using ScriptComposer.Tests.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>
/// The move into place of an output proven whole (a picture sequence's pictures, one by one) is never cut short: a stop that
/// arrives during it waits for it and says so, and a render killed outright during it has its move finished by the next render.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OutputCommitTests
{
    private const string Script = """Render(Color(16, 16, Args.Get("c", "red")).WithDuration(Args.Get("d", 3.0)), "seq/f_%03d.png", fps: 20);""";

    private static string Host => TemporaryOwner.NewTag().Split('-')[0];

    [SkippableFact]
    public async Task A_stop_while_a_sequence_is_moved_into_place_waits_for_the_move_and_leaves_only_the_new_pictures()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("commit");
        var script = folder.Write("seq.csx", Script);
        Directory.CreateDirectory(folder["seq"]);
        // 60 red pictures, then 40 blue ones whose move takes 4 s (100 ms a picture): SIGINT arrives with some moved.
        var first = await ScRunner.RunAsync("render", script, "--backend", "cpu");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(60, Directory.GetFiles(folder["seq"], "*.png").Length);

        var moving = false;
        var result = ScRunner.InterruptWhen(["render", script, "--backend", "cpu", "--set", "c=blue", "--set", "d=2"],
            new Dictionary<string, string?> { [ScOptions.SlowCommitVariable] = "100" }, () =>
            {
                var temporary = Directory.GetDirectories(folder["seq"], ".f_03d.partial-*").FirstOrDefault();
                var pictures = temporary is null ? 0 : Directory.GetFiles(temporary, "*.png").Length;
                moving |= pictures == 40;
                return moving && pictures is > 0 and < 40;
            }, "the blue pictures to start leaving their temporary folder");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("in place", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("No output was left behind", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Wrote", result.Stdout, StringComparison.Ordinal);
        var pictures = Directory.GetFiles(folder["seq"]).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"f_{i:000}.png"), pictures);
        foreach (var picture in pictures)
            PixelCheck.AssertNear(RgbaImage.LoadPng(folder[$"seq/{picture}"]), 8, 8, new Gpu.Rgba(0, 0, 255, 255), 0, picture!);
        Assert.Empty(Directory.GetDirectories(folder["seq"]));
    }

    [SkippableFact]
    public void A_sequence_whose_render_was_killed_while_moving_it_into_place_has_its_move_finished_by_the_next_render()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Names a process that is gone by its Linux process id.");
        using var folder = new TempFolder("commit");
        var dead = SocketTransportTests.DeadProcessId();
        // The killed render proved 3 pictures whole, marked its folder and moved picture 0; an older render left 5 pictures.
        var killed = Directory.CreateDirectory(folder[$".f_03d.partial-{Host}-{dead}-0123abcd"]).FullName;
        File.WriteAllText(Path.Combine(killed, SequenceCommit.MarkerName), "3\nf_%03d.png\n");
        File.WriteAllText(Path.Combine(killed, "f_001.png"), "new 1");
        File.WriteAllText(Path.Combine(killed, "f_002.png"), "new 2");
        folder.Write("f_000.png", "new 0");
        foreach (var i in new[] { 1, 2, 3, 4 })
            folder.Write($"f_{i:000}.png", $"old {i}");
        // Never moved from (no marker): its pictures never reach the folder.
        var unmoved = Directory.CreateDirectory(folder[$".f_03d.partial-{Host}-{dead}-4567abcd"]).FullName;
        File.WriteAllText(Path.Combine(unmoved, "f_000.png"), "unmoved 0");

        _ = OutputFile.TemporaryFolderFor(folder["f_%03d.png"]);

        Assert.Equal(["f_000.png", "f_001.png", "f_002.png"], folder.Files());
        Assert.Equal(["new 0", "new 1", "new 2"], folder.Files().Select(f => File.ReadAllText(folder[f])));
        Assert.Empty(Directory.GetDirectories(folder.Path));
    }
}
