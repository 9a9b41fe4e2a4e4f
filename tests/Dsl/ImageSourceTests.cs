using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

/// <summary>Image options and picture sequences, against scripts/media/logo.png (an orange disk, transparent corners) and generated PNGs.</summary>
public sealed class ImageSourceTests : IDisposable
{
    private static readonly string Logo = RepositoryFiles.Script("media/logo.png");
    private readonly TempFolder _folder = new("images");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Alpha_is_the_mask_by_default()
    {
        var frame = CpuRender.At(Image(Logo), 0);

        frame.AssertPixel(0, 0, (0, 0, 0, 0));
        frame.AssertPixel(80, 30, (255, 140, 0, 255));
    }

    [Fact]
    public void FromAlpha_gives_the_alpha_as_an_opaque_gray_mask()
    {
        var frame = CpuRender.At(Image(Logo, fromAlpha: true), 0);

        frame.AssertPixel(0, 0, (0, 0, 0, 255));
        frame.AssertPixel(80, 30, (255, 255, 255, 255));
    }

    [Fact]
    public void IgnoreTransparency_makes_every_pixel_opaque()
    {
        var frame = CpuRender.At(Image(Logo, ignoreTransparency: true), 0);

        Assert.Equal(255, frame[0, 0].A);
        frame.AssertPixel(80, 30, (255, 140, 0, 255));
        Assert.Throws<ArgumentException>(() => Image(Logo, ignoreTransparency: true, fromAlpha: true));
    }

    private void WritePicture(string name, string color, int width = 4, int height = 2)
    {
        var c = ColorParser.Parse(color);
        var pixels = new byte[width * height * 4];
        for (var i = 0; i < pixels.Length; i += 4) (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (c.R, c.G, c.B, 255);
        PngWriter.Write(_folder[name], pixels, width, height);
    }

    [Fact]
    public void A_sequence_shows_one_picture_per_frame_in_name_order()
    {
        WritePicture("f_002.png", "blue");
        WritePicture("f_000.png", "red");
        WritePicture("f_001.png", "lime");
        WritePicture("other.png", "white");

        var sequence = ImageSequence(_folder["f_*.png"], 10);

        Assert.Equal(0.3, sequence.Duration!.Value, 9);
        CpuRender.At(sequence, 0.0).AssertPixel(0, 0, (255, 0, 0, 255));
        CpuRender.At(sequence, 0.15).AssertPixel(0, 0, (0, 255, 0, 255));
        CpuRender.At(sequence, 0.25).AssertPixel(0, 0, (0, 0, 255, 255));
        Assert.Equal(4, ImageSequence(_folder.Path, 10).Files.Count);
    }

    [Fact]
    public void A_sequence_with_a_picture_of_another_size_names_it()
    {
        WritePicture("a.png", "red");
        WritePicture("b.png", "red", width: 6);

        var error = Assert.Throws<ScriptComposerException>(() => CpuRender.At(ImageSequence(_folder.Path, 10), 0.15));

        Assert.Contains("b.png", error.Message);
        Assert.Contains("same size", error.Message);
    }

    [Fact]
    public void An_empty_sequence_is_refused_with_an_example()
    {
        var error = Assert.Throws<ScriptComposerException>(() => ImageSequence(_folder["none_*.png"], 10));

        Assert.Contains("frames/img_*.png", error.Message);
    }
}
