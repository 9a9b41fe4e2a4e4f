using ScriptComposer.Dsl;
using ScriptComposer.Tests.Dsl;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// A video's colours come out as the RGB it was made from, whatever matrix, range and chroma layout it was stored with: four known
/// colours, encoded losslessly by ffmpeg from RGB with each tag, drawn by sc and read back.
/// </summary>
public sealed class SourceColourTests : IDisposable
{
    private const int W = 64, H = 48;
    private static readonly (int R, int G, int B)[] Colours = [(200, 30, 40), (30, 180, 60), (40, 50, 210), (128, 128, 128)];
    private readonly TempFolder _folder = new("colours");

    public void Dispose() => _folder.Dispose();

    [SkippableTheory]
    [InlineData("bt709", "tv", "yuv420p", false)]
    [InlineData("bt709", "pc", "yuvj420p", false)]
    [InlineData("bt709", "pc", "yuv420p", true)]
    [InlineData("bt709", "pc", "yuv422p", false)]
    [InlineData("smpte170m", "pc", "yuvj420p", false)]
    [InlineData("bt2020nc", "tv", "yuv420p", false)]
    [InlineData("bt2020nc", "tv", "yuv420p10le", false)]
    public void A_video_shows_the_colours_it_was_made_from(string matrix, string range, string pixelFormat, bool resized)
    {
        ToolRunner.RequireFfmpeg();
        var picture = _folder["quad.png"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i",
            $"color=0x{Hex(0)}:s=32x24[a];color=0x{Hex(1)}:s=32x24[b];color=0x{Hex(2)}:s=32x24[c];color=0x{Hex(3)}:s=32x24[d];[a][b]hstack[top];[c][d]hstack[bottom];[top][bottom]vstack",
            "-frames:v", "1", picture);
        var video = _folder[$"{matrix}-{range}-{pixelFormat}.mkv"];
        var swsMatrix = matrix switch { "bt2020nc" => "bt2020", "smpte170m" => "bt601", _ => matrix };
        ToolRunner.Ffmpeg(["-loop", "1", "-i", picture, "-t", "1", "-r", "10",
            "-vf", $"scale=out_color_matrix={swsMatrix}:out_range={(range == "pc" ? "full" : "limited")},format={pixelFormat}",
            // FFV1 holds no JPEG-style yuvj420p (ffmpeg would convert it, squeezing the range): lossless H.264 does.
            .. pixelFormat.StartsWith("yuvj", StringComparison.Ordinal) ? new[] { "-c:v", "libx264", "-qp", "0" } : ["-c:v", "ffv1"],
            "-colorspace", matrix, "-color_range", range, video]);

        var clip = Clips.Video(video, width: resized ? W / 2 : null);
        var frame = CpuRender.At(clip, 0.5);

        var scale = resized ? 2 : 1;
        for (var i = 0; i < Colours.Length; i++)
        {
            var (x, y) = ((i % 2) * 32 + 16, (i / 2) * 24 + 12);
            var (r, g, b, _) = frame[x / scale, y / scale];
            var expected = Colours[i];
            Assert.True(Math.Abs(r - expected.R) <= 3 && Math.Abs(g - expected.G) <= 3 && Math.Abs(b - expected.B) <= 3,
                $"{matrix} {range} {pixelFormat}{(resized ? " resized" : "")}: colour {i} came out ({r}, {g}, {b}), made from {expected}");
        }
    }

    [SkippableTheory]
    [InlineData("ffv1", "bgr0", 0)]
    [InlineData("png", "rgb24", 0)]
    [InlineData("libx264", "yuv444p", 2)]
    [InlineData("ffv1", "yuv422p", 2)]
    public void A_video_with_more_chroma_than_4_2_0_keeps_its_colour_pixel_by_pixel(string codec, string pixelFormat, int tolerance)
    {
        ToolRunner.RequireFfmpeg();
        var video = _folder[$"stripes-{pixelFormat}.{(codec == "png" ? "mov" : "mkv")}"];
        // Red and blue stripes one pixel wide, which 4:2:0 averages into purple: columns, or rows where 4:2:2 keeps the full
        // height of its chroma but not the full width.
        var across = pixelFormat == "yuv422p" ? "Y" : "X";
        ToolRunner.Ffmpeg(["-f", "lavfi", "-i", $"color=red:s={W}x{H}:r=10:d=1,format=rgb24,geq=r='if(mod({across},2),0,255)':g=0:b='if(mod({across},2),255,0)'",
            "-c:v", codec, .. codec == "libx264" ? new[] { "-qp", "0" } : [], "-pix_fmt", pixelFormat, video]);

        var frame = CpuRender.At(Clips.Video(video), 0.5);

        for (var i = 0; i < 4; i++)
        {
            var (x, y) = across == "X" ? (10 + i, 10) : (10, 10 + i);
            frame.AssertPixel(x, y, i % 2 == 0 ? (255, 0, 0, 255) : (0, 0, 255, 255), tolerance);
        }
    }

    private static string Hex(int i) => $"{Colours[i].R:X2}{Colours[i].G:X2}{Colours[i].B:X2}";
}
