using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Tests.Support;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// The compositor on the CPU backend against golden PNGs in tests/Assets/golden (±1 per channel). A few pixels are
/// also checked against values computed by hand, so a wrong golden cannot pass unnoticed.
/// Regenerate with SC_UPDATE_GOLDEN=1, look at the PNG, commit it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GoldenImageTests
{
    [SkippableFact]
    public void Composite_scene_matches_golden()
    {
        using var folder = new TempFolder("golden");
        // 64x48: top half orange with alpha rising left to right (x·4), bottom half sky blue with alpha falling.
        var sprite = folder["sprite.png"];
        RgbaImage.Create(64, 48, (x, y) => y < 24 ? new Rgba(255, 128, 0, (byte)(x * 4)) : new Rgba(0, 200, 255, (byte)(255 - x * 4))).SavePng(sprite);
        // A vertical gray ramp: black at the top, white at the bottom.
        var ramp = Frames(64, 48, 1, (t, rgba) =>
        {
            for (var y = 0; y < 48; y++)
            for (var x = 0; x < 64; x++)
            {
                var v = (byte)Math.Round(y * 255 / 47.0);
                var i = (y * 64 + x) * 4;
                (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (v, v, v, 255);
            }
        });
        var scene = Composite(160, 120,
        [
            Image(sprite).At(8, 8),                                       // premultiplied alpha image over the color
            Color(60, 40, "white").Opacity(0.5).At(90, 10),               // an opacity layer
            Color(64, 48, "#00ff00").WithMask(ramp).At(20, 64),           // a masked layer
            Color(50, 50, "#ff00ff").At(130, 90),                         // partly off the bottom-right
            Image(sprite).At(120, -20),                                   // partly off the top-right
            Color(30, 30, "#ffff00").At(-15, 100),                        // partly off the left and bottom
        ], "#204060");

        var png = folder["scene.png"];
        using (var cpu = new CpuBackend())
            RenderJob.RenderFrame(scene, 0.5, png, cpu);
        var image = RgbaImage.LoadPng(png);

        var bg = new Rgba(0x20, 0x40, 0x60);
        new PixelCheck(image)
            .Near(2, 2, bg, 0, "background")
            .Near(8, 8, bg, 0, "sprite's fully transparent column")
            .Near(48, 18, new Rgba(172, 104, 36), 1, "sprite alpha 160: (255,128,0)·0.627 + (32,64,96)·0.373")
            .Near(100, 20, new Rgba(144, 160, 176), 1, "white at Opacity(0.5) over the background")
            .Near(30, 64, bg, 0, "mask's black top row hides the green")
            .Near(30, 111, new Rgba(0, 255, 0), 0, "mask's white bottom row shows the green")
            .Near(159, 119, new Rgba(255, 0, 255), 0, "magenta clipped at the bottom-right corner")
            .Near(129, 100, bg, 0, "left of the magenta")
            .Near(0, 119, new Rgba(255, 255, 0), 0, "yellow clipped at the left and bottom")
            .Near(15, 99, bg, 0, "above the yellow")
            .Verify();
        GoldenImage.AssertMatches("composite-scene", image);
    }

    [SkippableFact]
    public async Task Hello_frame_at_1_5_matches_golden()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("golden");
        var png = folder["hello.png"];
        var result = await ScRunner.RunAsync("frame", RepositoryFiles.Script("hello.csx"), "--at", "1.5", "-o", png, "--backend", "cpu", "--set", $"out={folder["x.mp4"]}");
        Assert.True(result.ExitCode == 0, result.ToString());
        GoldenImage.AssertMatches("hello-1.5s", RgbaImage.LoadPng(png));
    }
}
