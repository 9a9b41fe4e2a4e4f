using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// A photo whose EXIF orientation says how the camera was held shows upright, as every viewer shows it: the image has the
/// upright size (also as read from its header alone) and the pixels ffmpeg's turn or flip of the stored picture gives.
/// </summary>
public sealed class ImageOrientationTests : IDisposable
{
    private readonly TempFolder _folder = new("exif");

    public void Dispose() => _folder.Dispose();

    [SkippableTheory]
    [InlineData(1, "null")]
    [InlineData(2, "hflip")]
    [InlineData(3, "hflip,vflip")]
    [InlineData(4, "vflip")]
    [InlineData(5, "transpose=cclock_flip")]
    [InlineData(6, "transpose=clock")]
    [InlineData(7, "transpose=clock_flip")]
    [InlineData(8, "transpose=cclock")]
    public void A_photo_shows_the_way_its_exif_orientation_says(int orientation, string upright)
    {
        ToolRunner.RequireFfmpeg();
        var stored = _folder["stored.jpg"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=96x64", "-frames:v", "1", "-q:v", "1", stored);
        var tagged = _folder[$"tagged-{orientation}.jpg"];
        File.WriteAllBytes(tagged, WithOrientation(File.ReadAllBytes(stored), orientation));

        var image = ImageLoader.Load(tagged);
        var turned = orientation >= 5;
        var (width, height) = turned ? (64, 96) : (96, 64);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal((width, height), ImageLoader.ReadSize(tagged));

        // ffmpeg's JPEG decoder rounds its colors apart from SkiaSharp's by about 5 per channel; the wrong turn or flip of the picture by
        // several times that.
        var right = Difference(stored, upright, image.Pixels.ToArray());
        Assert.True(right < 8, $"Orientation {orientation}: the image differs from the stored picture after {upright} by {right:0.0} per channel on average.");
        foreach (var wrong in (turned ? Turns : Flips).Where(other => other != upright))
            Assert.True(Difference(stored, wrong, image.Pixels.ToArray()) > 3 * right, $"Orientation {orientation}: the image is as close to {wrong} as to {upright}.");
    }

    private static readonly string[] Flips = ["null", "hflip", "hflip,vflip", "vflip"];
    private static readonly string[] Turns = ["transpose=cclock_flip", "transpose=clock", "transpose=clock_flip", "transpose=cclock"];

    /// <summary>The mean difference per channel between <paramref name="pixels"/> and ffmpeg's decoding of <paramref name="stored"/> through <paramref name="filter"/>.</summary>
    private static double Difference(string stored, string filter, byte[] pixels) =>
        FrameGrabber.MeanDifference(FrameGrabber.AsFfmpegShowsIt(stored, filter, "rgba"), pixels);

    /// <summary>A JPEG with an EXIF block that holds only the orientation tag (0x0112), right after its start-of-image marker.</summary>
    private static byte[] WithOrientation(byte[] jpeg, int orientation)
    {
        Assert.True(jpeg[0] == 0xFF && jpeg[1] == 0xD8, "not a JPEG");
        byte[] exif =
        [
            0xFF, 0xE1, 0x00, 0x22, // APP1, 34 bytes with the length itself
            (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'I', (byte)'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, // little-endian TIFF, first IFD at 8
            0x01, 0x00, // one entry
            0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, (byte)orientation, 0x00, 0x00, 0x00, // Orientation, SHORT, 1 value
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        return [.. jpeg[..2], .. exif, .. jpeg[2..]];
    }
}
