using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>
/// Every output format a script can write, decoded by plain ffmpeg (which reads each file's own colour tags, or its format's
/// default where it has none) and compared with the colours drawn: within ±2 levels. ProRes 4444 with alpha was written
/// untagged and read back as BT.601 (#ff8c00 came back as 244,137,7); .y4m and Motion JPEG, which cannot carry a BT.709 tag,
/// are written in the matrix readers assume for them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OutputColorTests
{
    private static readonly (byte R, byte G, byte B)[] Patches = [(0xff, 0x8c, 0x00), (0x00, 0x00, 0x80), (0x80, 0x80, 0x80), (0x10, 0xc0, 0x40), (0xff, 0xc0, 0xcb)];

    private static readonly (string File, string Render)[] Outputs =
    [
        ("h264.mp4", "Render(scene, \"h264.mp4\", preset: \"veryfast\");"),
        ("h265.mkv", "Render(scene, \"h265.mkv\", codec: \"libx265\", preset: \"ultrafast\", crf: 18);"),
        ("vp9.webm", "Render(scene, \"vp9.webm\", ffmpegArgs: [\"-deadline\", \"realtime\", \"-cpu-used\", \"8\"]);"),
        ("prores.mov", "Render(scene, \"prores.mov\", codec: \"prores_ks\");"),
        ("prores4444.mov", "Render(scene, \"prores4444.mov\", alpha: true);"),
        ("vp9alpha.webm", "Render(scene, \"vp9alpha.webm\", alpha: true, ffmpegArgs: [\"-deadline\", \"realtime\", \"-cpu-used\", \"8\"]);"),
        ("ffv1alpha.mkv", "Render(scene, \"ffv1alpha.mkv\", alpha: true);"),
        ("yuv444.mp4", "Render(scene, \"yuv444.mp4\", pixelFormat: \"yuv444p\", preset: \"veryfast\");"),
        ("anim.gif", "Render(scene, \"anim.gif\");"),
        ("png/f_%02d.png", "Render(scene, \"png/f_%02d.png\");"),
        ("jpg/f_%02d.jpg", "Render(scene, \"jpg/f_%02d.jpg\");"),
        ("qtrle.mov", "Render(scene, \"qtrle.mov\", codec: \"qtrle\");"),
        ("mpegts.ts", "Render(scene, \"mpegts.ts\", preset: \"veryfast\");"),
        ("avi.avi", "Render(scene, \"avi.avi\", preset: \"veryfast\");"),
        ("mxf.mxf", "Render(scene, \"mxf.mxf\", preset: \"veryfast\");"),
        ("nut.nut", "Render(scene, \"nut.nut\", preset: \"veryfast\");"),
        ("y4m.y4m", "Render(scene, \"y4m.y4m\");"),
        ("rawvideo.mkv", "Render(scene, \"rawvideo.mkv\", codec: \"rawvideo\");"),
        ("mjpeg.avi", "Render(scene, \"mjpeg.avi\", codec: \"mjpeg\");"),
        // RGB H.264 with no pixel format was given yuv420p and BT.709 tags, so its G, B, R planes read back as Y'CbCr.
        ("x264rgb.mkv", "Render(scene, \"x264rgb.mkv\", codec: \"libx264rgb\", ffmpegArgs: [\"-qp\", \"0\"]);"),
        // Full-range YUV held limited-range values: orange read back as (235, 132, 12).
        ("yuvj420p.mp4", "Render(scene, \"yuvj420p.mp4\", pixelFormat: \"yuvj420p\", preset: \"veryfast\");"),
        ("yuvj444p.mkv", "Render(scene, \"yuvj444p.mkv\", pixelFormat: \"yuvj444p\", ffmpegArgs: [\"-qp\", \"0\"]);"),
    ];

    [SkippableFact]
    public async Task Every_output_format_reads_back_with_the_colours_drawn()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("colors");
        Directory.CreateDirectory(folder["png"]);
        Directory.CreateDirectory(folder["jpg"]);
        var colours = string.Join(", ", Patches.Select(p => $"({p.R}, {p.G}, {p.B})"));
        var script = $$"""
            var patches = new (int, int, int)[] { {{colours}} };
            var layers = patches.Select((c, i) => (Clip)Color(16, 16, c).At(16 * i, 0)).ToList();
            var scene = Composite(80, 16, layers, "black").WithDuration(0.2);

            """ + string.Join('\n', Outputs.Select(o => o.Render));
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "colors.csx", script);
        Assert.True(result.ExitCode == 0, result.ToString());

        var failures = new List<string>();
        foreach (var (file, _) in Outputs)
        {
            var path = folder[file.Replace("%02d", "01", StringComparison.Ordinal)];
            // Accurate conversion: ffmpeg's fast path from 10-bit 4:2:2 is itself off by 2 or 3.
            var decoded = ToolRunner.Run("ffmpeg", ["-v", "error", "-nostdin", "-i", path, "-frames:v", "1", "-sws_flags", "accurate_rnd+full_chroma_int+bitexact",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]);
            if (decoded.ExitCode != 0)
            {
                failures.Add($"{file}: ffmpeg cannot decode it: {decoded.Stderr}");
                continue;
            }
            for (var i = 0; i < Patches.Length; i++)
            {
                var at = (8 * 80 + 16 * i + 8) * 3;
                var (r, g, b) = (decoded.Stdout[at], decoded.Stdout[at + 1], decoded.Stdout[at + 2]);
                var expected = Patches[i];
                if (Math.Abs(r - expected.R) > 2 || Math.Abs(g - expected.G) > 2 || Math.Abs(b - expected.B) > 2)
                    failures.Add($"{file}: patch {i} reads back as ({r}, {g}, {b}), drawn as {expected}");
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
