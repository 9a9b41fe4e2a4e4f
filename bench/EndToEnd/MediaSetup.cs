namespace ScriptComposer.Bench.EndToEnd;

/// <summary>Makes the inputs of the reference compositions with ffmpeg, once (kept under bench/artifacts/e2e/media).</summary>
internal static class MediaSetup
{
    /// <summary>Bumped when the inputs change; media made by an older version are made again.</summary>
    private const string Version = "2: HD colors (BT.709, limited range), tagged";

    public static void Ensure(string media)
    {
        Directory.CreateDirectory(media);
        var stamp = Path.Combine(media, "VERSION");
        if (!File.Exists(stamp) || File.ReadAllText(stamp) != Version)
        {
            foreach (var file in Directory.GetFiles(media))
                File.Delete(file);
            File.WriteAllText(stamp, Version);
        }
        Make(Path.Combine(media, "gradient.png"),
            ["-f", "lavfi", "-i", "gradients=s=1280x720:c0=0x1e3c72:c1=0xe0a040:x0=0:y0=0:x1=1280:y1=720:n=2:speed=0.00001", "-frames:v", "1"]);
        Make(Path.Combine(media, "main.mp4"),
            ["-f", "lavfi", "-i", $"testsrc2=s=1280x720:r=30:d=8,{Bt709}", "-c:v", "libx264", "-preset", "veryfast", "-g", "60", .. Tags]);
        // The sounds of sound-over-video: music at 44.1 kHz (a tone left, pink noise right) and a voice at 48 kHz.
        Make(Path.Combine(media, "music-44k.wav"),
            ["-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100:duration=8", "-f", "lavfi", "-i", "anoisesrc=color=pink:sample_rate=44100:duration=8:amplitude=0.2",
             "-filter_complex", "[0:a][1:a]amerge=inputs=2", "-c:a", "pcm_s16le"]);
        Make(Path.Combine(media, "voice-48k.wav"), ["-f", "lavfi", "-i", "sine=frequency=220:sample_rate=48000:duration=4", "-c:a", "pcm_s16le"]);
        for (var i = 0; i < 4; i++)
        {
            // testsrc2 moves, so the encoders on both sides see changing content; the hue tells the clips apart. Converted and tagged
            // as HD video is (BT.709, limited range), so both sides read the colors the same way.
            Make(Path.Combine(media, $"grid-{i}.mp4"),
                ["-f", "lavfi", "-i", $"testsrc2=s=640x360:r=30:d=8,hue=h={90 * i},{Bt709}", "-c:v", "libx264", "-preset", "veryfast", "-g", "60", .. Tags]);
            Make(Path.Combine(media, $"xfade-{i}.mp4"),
                ["-f", "lavfi", "-i", $"testsrc2=s=1280x720:r=30:d=3,hue=h={90 * i},{Bt709}", "-c:v", "libx264", "-preset", "veryfast", "-g", "60", .. Tags]);
        }
    }

    private const string Bt709 = "scale=out_color_matrix=bt709:out_range=tv,format=yuv420p";

    private static readonly string[] Tags =
        ["-pix_fmt", "yuv420p", "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"];

    private static void Make(string path, IReadOnlyList<string> arguments)
    {
        if (File.Exists(path))
            return;
        Console.WriteLine($"making {Path.GetFileName(path)}");
        var temporary = path + ".part" + Path.GetExtension(path);
        Ffmpeg.Run(["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. arguments, temporary]);
        File.Move(temporary, path);
    }
}
